import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { apiCreateParticipant, apiLogin, ensureParticipants, login, randomPersonnummer, sv, uniqueName } from './helpers';

const SCREENSHOTS = 'e2e/screenshots';
const WIDTHS = [1280, 820] as const;

async function expectNoAxeViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

async function shoot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('login, list, form and detail pages have no axe violations; screenshots', async ({ page, request }) => {
  await ensureParticipants(request, 12);
  const auth = await apiLogin(request);
  const created = await apiCreateParticipant(request, auth, { first_name: 'Robin', last_name: uniqueName('Tillgänglig') });

  await page.goto('/participants');
  await expect(page.getByRole('heading', { level: 1, name: sv.loginHeading })).toBeVisible();
  await expectNoAxeViolations(page, 'login');
  await shoot(page, 'login');

  // Login with an error shown.
  await page.getByLabel(sv.username).fill('anna.handlaggare');
  await page.getByLabel(sv.password).fill('fel');
  await page.getByRole('button', { name: sv.loginButton }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page, 'login with error');

  await login(page);
  await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
  await expectNoAxeViolations(page, 'participant list');
  await shoot(page, 'participants');

  await page.getByRole('link', { name: sv.newParticipant }).click();
  await expect(page.getByLabel('Förnamn')).toBeVisible();
  await expectNoAxeViolations(page, 'new participant form');
  await shoot(page, 'participant-new');
  // The form with errors showing.
  await page.getByLabel('Personnummer eller samordningsnummer').fill(randomPersonnummer().short.slice(0, -1) + 'x');
  await page.getByRole('button', { name: 'Registrera deltagare' }).click();
  await expect(page.getByLabel('Förnamn')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'new participant form with errors');
  await shoot(page, 'participant-new-errors');

  await page.goto(`/participants/${created.id}`); // same tab: the session survives a reload
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Robin');
  await expectNoAxeViolations(page, 'participant detail');
  await shoot(page, 'participant-detail');

  await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
  await expect(page.getByLabel('Förnamn')).toHaveValue('Robin');
  await expectNoAxeViolations(page, 'participant edit form');
  await shoot(page, 'participant-edit');

  // English UI.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
  await expectNoAxeViolations(page, 'participant edit form (English)');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});

test('the contacts tab, programmes and the housing course have no axe violations in Swedish and English', async ({ page, request }) => {
  const auth = await apiLogin(request);
  const created = await apiCreateParticipant(request, auth, { first_name: 'Alva', last_name: uniqueName('Tillgänglig') });
  const res = await request.post('/api/v1/contacts', {
    headers: { Authorization: `Bearer ${auth.access_token}` },
    data: { participants: [{ participant_id: created.id, attended: true }], occurred_at: new Date(Date.now() - 86_400_000).toISOString(), kind: 'meeting', note: 'Axe-kontroll' },
  });
  expect(res.status(), await res.text()).toBe(201);

  await page.goto(`/participants/${created.id}?tab=contacts`);
  await login(page, 'erik.chef');
  await expect(page.getByRole('region', { name: 'Kontakter' })).toContainText('Axe-kontroll');
  await page.getByRole('region', { name: 'Kontakter' }).getByRole('button', { name: /^Ändra/ }).click();
  await expectNoAxeViolations(page, 'contacts tab with the edit form');

  for (const [path, heading] of [
    ['/programmes', 'Program'],
    ['/housing/course', 'Bokurs och gruppträffar'],
    ['/housing/support', 'Boendestöd och ärendemängd'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page, path);
  }
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/programmes');
  await expect(page.getByRole('heading', { level: 1, name: 'Programmes' })).toBeVisible();
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('term').filter({ hasText: 'End statuses' })).toBeVisible();
  await expectNoAxeViolations(page, 'programme page (English)');
  await shoot(page, 'programme-en');
  await page.goto(`/participants/${created.id}?tab=contacts`);
  await expect(page.getByRole('tab', { name: 'Contacts and relapses' })).toHaveAttribute('aria-selected', 'true');
  await expectNoAxeViolations(page, 'contacts tab (English)');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});
