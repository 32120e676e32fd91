import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, bearer, expectNoAxeViolations, MANAGER, openSignedIn, shoot, uniqueName } from './helpers';

const HOUSING_SUPPORT = 'johan.boendestod';

const daysAgo = (n: number) => {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('housing support records a course session and attendance; the participant page shows the progress', async ({ page, request }) => {
  test.setTimeout(120_000);
  const caseworker = await apiLogin(request);
  const support = await apiLogin(request, HOUSING_SUPPORT);
  const lastName = uniqueName('Bokurs');
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Nova', last_name: lastName });
  // Sessions 1–3 over the API (with Nova attending), session 4 in the browser.
  for (const n of [1, 2, 3]) {
    const res = await request.post('/api/v1/housing-course-sessions', {
      headers: bearer(support),
      data: { unit_id: support.staff.units[0].id, kind: 'housing_course', number: n, held_on: daysAgo(30 - n), leader: 'Johan' },
    });
    expect(res.status(), await res.text()).toBe(201);
    const s = (await res.json()) as { id: string };
    const a = await request.put(`/api/v1/housing-course-sessions/${s.id}/attendance`, {
      headers: bearer(support),
      data: { attendance: [{ participant_id: p.id, attended: true }] },
    });
    expect(a.status(), await a.text()).toBe(200);
  }

  await openSignedIn(page, '/housing/course', HOUSING_SUPPORT);
  await expect(page.getByRole('heading', { level: 1, name: 'Bokurs och gruppträffar' })).toBeVisible();
  await page.getByRole('button', { name: 'Ny träff' }).click();
  await expect(page.getByRole('heading', { name: 'Ny träff' })).toBeFocused();
  await page.getByLabel('Bokursträff').selectOption('4');
  await page.getByLabel(/^Datum/).fill(daysAgo(1));
  await page.getByLabel(/^Ledare/).fill('Johan Boendestödjare');
  await expectNoAxeViolations(page, 'new course session form');
  await page.getByRole('button', { name: 'Spara träffen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Träffen "Bokurs, träff 4" är registrerad' })).toBeVisible();
  await expectNoAxeViolations(page, 'course sessions');
  await shoot(page, 'housing-course');

  await page.getByRole('link', { name: 'Bokurs, träff 4' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bokurs, träff 4' })).toBeVisible();
  await page.getByLabel('Lägg till deltagare').selectOption({ label: `Nova ${lastName}` });
  await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: `Närvarade: Nova ${lastName}` })).toBeChecked();
  await expectNoAxeViolations(page, 'course session attendance');
  await page.getByRole('button', { name: 'Spara närvaron' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Närvaron har sparats' })).toBeVisible();
  await shoot(page, 'housing-course-session');
  await page.reload();
  await expect(page.getByRole('checkbox', { name: `Närvarade: Nova ${lastName}` })).toBeChecked();

  // The participant's housing tab: all four sessions, so the course is completed.
  await page.getByRole('link', { name: `Nova ${lastName}` }).click();
  const progress = page.getByRole('region', { name: 'Bokurs' });
  await expect(progress).toContainText('Har gått hela bokursen');
  await expect(progress.getByRole('listitem')).toHaveCount(4);

  // Marking session 4 as missed makes the course incomplete again.
  await progress.getByRole('link', { name: 'Bokurs, träff 4' }).click();
  await page.getByRole('checkbox', { name: `Närvarade: Nova ${lastName}` }).uncheck();
  await page.getByRole('button', { name: 'Spara närvaron' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Närvaron har sparats' })).toBeVisible();
  await page.goto(`/participants/${p.id}?tab=housing`);
  await expect(page.getByRole('region', { name: 'Bokurs' })).toContainText('Saknar träff 4');
});

test('caseworkers see sessions but cannot record them; managers see the caseload overview', async ({ page }) => {
  await openSignedIn(page, '/housing/course');
  await expect(page.getByRole('heading', { level: 1, name: 'Bokurs och gruppträffar' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ny träff' })).toHaveCount(0);
  // The caseload overview is not served to caseworkers, so it is not offered.
  await expect(page.getByRole('navigation', { name: 'Boende' }).getByRole('link', { name: 'Boendestöd' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await openSignedIn(page, '/housing/support', MANAGER);
  const row = page.getByRole('row', { name: /Johan Boendestödjare/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole('form', { name: /^Gräns/ })).toBeVisible();
  await expectNoAxeViolations(page, 'caseload overview');
});

test('a housing-support worker sees their own caseload line', async ({ page }) => {
  await openSignedIn(page, '/housing/support', HOUSING_SUPPORT);
  await expect(page.getByRole('row', { name: /Johan Boendestödjare/ })).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(1);
});

test('a housing coordinator sees the unit\'s housing-support workers without limit forms', async ({ page }) => {
  await openSignedIn(page, '/housing/support', 'sara.bosamordnare');
  const row = page.getByRole('row', { name: /Johan Boendestödjare/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole('form')).toHaveCount(0);
});
