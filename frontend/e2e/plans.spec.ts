import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, expectNoAxeViolations, openSignedIn, shoot, uniqueName } from './helpers';

test('caseworker writes, activates, signs and reviews an action plan; the next version carries open goals', async ({ page, request }) => {
  test.setTimeout(180_000);
  const auth = await apiLogin(request);
  const lastName = uniqueName('Plan');
  const p = await apiCreateParticipant(request, auth, { first_name: 'Robin', last_name: lastName });
  await openSignedIn(page, `/participants/${p.id}`);

  await page.getByRole('button', { name: 'Starta handlingsplan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Handlingsplan 1');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Utkast');
  await expect(page.getByRole('status').filter({ hasText: 'En ny handlingsplan (utkast) har skapats' })).toBeVisible();

  await page.getByLabel('Syfte med kontakten').fill('Behålla bostaden och bryta isoleringen.');
  await page.getByRole('button', { name: 'Lägg till mål' }).click();
  await expect(page.locator('#goal-0-text')).toBeFocused();
  await page.locator('#goal-0-text').fill('Betala hyran i tid varje månad');
  await page.getByLabel('Med deltagarens egna ord').first().check();
  await page.getByRole('button', { name: 'Lägg till mål' }).click();
  await page.locator('#goal-1-horizon').selectOption('long_term');
  await page.locator('#goal-1-text').fill('Ta över kontraktet');
  await page.getByRole('button', { name: 'Lägg till insats' }).click();
  await page.locator('#intervention-0-what').fill('Hembesök');
  await page.locator('#intervention-0-frequency').fill('Varje vecka');
  await page.getByRole('button', { name: 'Lägg till insats' }).click();
  await page.locator('#intervention-1-what').fill('Stödsamtal');
  await page.locator('#intervention-1-kind').selectOption('external');
  await page.locator('#intervention-1-external').fill('Länkarna');

  // Activation needs the participant's views: the server says so on the field.
  await page.getByRole('button', { name: 'Spara och aktivera' }).click();
  const views = page.getByLabel('Deltagarens egna synpunkter', { exact: true });
  await expect(views).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'plan editor with errors');
  await views.fill('Jag vill klara mig själv men behöver påminnelser om räkningar.');
  await page.getByRole('button', { name: 'Spara och aktivera' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Handlingsplanen är nu aktiv' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Aktiv');
  await expectNoAxeViolations(page, 'active plan');
  await shoot(page, 'action-plan');

  await page.getByRole('button', { name: 'Spara signeringsdatum' }).click();
  await expect(page.getByText(/^Signerad /)).toBeVisible();

  // Review.
  await page.getByRole('link', { name: 'Följ upp planen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Uppföljning av handlingsplan 1');
  await page.getByRole('button', { name: 'Spara uppföljningen och skapa nästa version' }).click();
  await expect(page.getByLabel('Analys av resultatet')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'review form with errors');
  const goal1 = page.getByRole('group', { name: /Betala hyran/ });
  const goal2 = page.getByRole('group', { name: /Ta över kontraktet/ });
  await goal1.getByLabel('Uppnått', { exact: true }).check();
  await goal2.getByLabel('Delvis uppnått').check();
  await goal2.getByLabel('Trolig orsak').fill('Hyresvärden vill se ett år utan anmärkningar.');
  await page.getByLabel('Analys av resultatet').fill('Hyran betalas i tid sedan augusti.');
  await page.getByLabel('Deltagarens syn på uppföljningen').fill('Nöjd, vill fortsätta med hembesöken.');
  await shoot(page, 'action-plan-review');
  await page.getByRole('button', { name: 'Spara uppföljningen och skapa nästa version' }).click();

  // The next version, with the open goal carried over.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Handlingsplan 2');
  await expect(page.getByRole('status').filter({ hasText: '1 mål har förts över' })).toBeVisible();
  await expect(page.locator('#goal-0-text')).toHaveValue('Ta över kontraktet');
  await expect(page.getByText('Överfört från förra planen').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Handlingsplan 1' })).toBeVisible();

  // Version 1 shows the review.
  await page.getByRole('link', { name: 'Handlingsplan 1' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Uppföljd');
  await expect(page.getByText('Hyran betalas i tid sedan augusti.')).toBeVisible();
  await expectNoAxeViolations(page, 'reviewed plan');

  // Print view.
  await page.getByRole('link', { name: 'Utskriftsversion' }).click();
  await expect(page.frameLocator('iframe').locator('body')).toContainText('Betala hyran');
  await expectNoAxeViolations(page, 'print page', 'iframe');
});

test('a plan draft survives an expired session and a reload', async ({ page, request }) => {
  const auth = await apiLogin(request);
  const p = await apiCreateParticipant(request, auth, { first_name: 'Sam', last_name: uniqueName('Utkast') });
  const res = await request.post(`/api/v1/participants/${p.id}/action-plans`, { headers: { Authorization: `Bearer ${auth.access_token}` }, data: {} });
  const plan = (await res.json()) as { id: string };
  await openSignedIn(page, `/action-plans/${plan.id}`);
  await page.getByLabel('Syfte med kontakten').fill('Skrivet före utloggningen');
  await page.waitForTimeout(600);
  // The session ends (tokens gone, as when it expires); signing in again brings the text back.
  await page.evaluate(() => window.sessionStorage.clear());
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Användarnamn').fill('anna.handlaggare');
  await page.getByLabel('Lösenord').fill('stegvis-demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(new RegExp(`/action-plans/${plan.id}$`));
  await expect(page.getByText('Ett osparat utkast från')).toBeVisible();
  await expect(page.getByLabel('Syfte med kontakten')).toHaveValue('Skrivet före utloggningen');
});
