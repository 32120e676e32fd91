import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, expectNoAxeViolations, openSignedIn, shoot, uniqueName } from './helpers';

test('caseworker logs contacts, refers, enrols and maps (with a draft restored after reload)', async ({ page, request }) => {
  test.setTimeout(180_000);
  const auth = await apiLogin(request);
  const lastName = uniqueName('Tidslinje');
  const p = await apiCreateParticipant(request, auth, { first_name: 'Kim', last_name: lastName });
  await openSignedIn(page, `/participants/${p.id}`);

  // The timeline is the first thing shown.
  await expect(page.getByRole('tab', { name: 'Tidslinje' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Inget har registrerats för deltagaren ännu')).toBeVisible();
  await expectNoAxeViolations(page, 'participant timeline (empty)');

  // Log a contact; the form takes focus at its heading.
  await page.getByRole('button', { name: 'Logga kontakt' }).click();
  await expect(page.getByRole('heading', { name: 'Logga kontakt' })).toBeFocused();
  await page.getByLabel('Anteckning', { exact: true }).fill('Första samtalet, vill ha boende och arbete.');
  await expectNoAxeViolations(page, 'contact form');
  await shoot(page, 'participant-contact-form');
  await page.getByRole('button', { name: 'Spara kontakten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kontakten har sparats' })).toBeVisible();
  const timeline = page.getByRole('tabpanel');
  await expect(timeline.getByText('Möte')).toBeVisible();

  // A second contact, a phone call.
  await page.getByRole('button', { name: 'Logga kontakt' }).click();
  await page.getByLabel('Typ av kontakt').selectOption('phone_call');
  await page.getByRole('button', { name: 'Spara kontakten' }).click();
  await expect(timeline.getByText('Telefonsamtal')).toBeVisible();

  await expectNoAxeViolations(page, 'participant timeline');
  await shoot(page, 'participant-timeline');

  // Refer to a programme: required fields are reported on their fields.
  await page.getByRole('button', { name: 'Remittera till program' }).click();
  await page.getByRole('button', { name: 'Skicka remissen' }).click();
  await expect(page.getByRole('combobox', { name: /^Program/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('combobox', { name: /^Program/ })).toBeFocused();
  await expectNoAxeViolations(page, 'referral form with errors');
  await page.getByRole('combobox', { name: /^Program/ }).selectOption({ label: 'Arbetsrehabilitering Steg för steg' });
  await page.getByLabel('Anledning').fill('Vill komma ut i arbete; behöver stöd i kontakten med arbetsgivare.');
  await page.getByRole('button', { name: 'Skicka remissen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Remissen har skickats' })).toBeVisible();
  await page.getByRole('link', { name: 'Öppna remissen' }).click();

  // The referral: only the allowed steps are buttons.
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Remiss: Kim ${lastName}`);
  await expect(page.getByText('Mottagen', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registrera uteblivet besök' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'referral detail');
  await shoot(page, 'referral-detail');
  await page.getByRole('button', { name: 'Boka första möte' }).click();
  await page.getByRole('button', { name: 'Bekräfta: Boka första möte' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Första mötet har bokats' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registrera uteblivet besök' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Boka första möte' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Skriv in', exact: true }).click();
  await page.getByRole('button', { name: 'Bekräfta: Skriv in' }).click();

  // The enrolment page with the mapping form.
  await expect(page).toHaveURL(/\/enrolments\//);
  await expect(page.getByRole('status').filter({ hasText: 'Deltagaren har skrivits in' })).toBeVisible();
  await page.getByLabel('Boende', { exact: true }).fill('Härbärge sedan ett år');
  await page.getByLabel('Mål med egna ord').fill('Ett arbete inom lager');
  await expectNoAxeViolations(page, 'enrolment and mapping');
  await shoot(page, 'enrolment-mapping');

  // Nothing typed is lost: after a reload the draft comes back.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.getByText('Ett osparat utkast från')).toBeVisible();
  await expect(page.getByLabel('Mål med egna ord')).toHaveValue('Ett arbete inom lager');

  // Completing needs the first step.
  await page.getByRole('button', { name: 'Slutför kartläggningen' }).click();
  await expect(page.getByLabel('Första steg')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Första steg')).toBeFocused();
  await page.getByLabel('Första steg').fill('Studiebesök på ett lager');
  await page.getByRole('button', { name: 'Slutför kartläggningen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kartläggningen är slutförd' })).toBeVisible();
  await expect(page.getByLabel('Första steg')).toBeDisabled();

  // Back on the participant: the timeline shows the referral and enrolment.
  await page.getByRole('link', { name: `Kim ${lastName}` }).click();
  await expect(page.getByRole('tab', { name: 'Remisser och insatser' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel').getByRole('link', { name: 'Arbetsrehabilitering Steg för steg' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'participant referrals tab');
  await page.getByRole('tab', { name: 'Tidslinje' }).click();
  await expect(page.getByRole('tabpanel').getByText('Insats startad', { exact: true })).toBeVisible();
  await expect(page.getByRole('tabpanel').getByText('Remiss: inskriven', { exact: true })).toBeVisible();

  // A relapse (recorded for people who have been enrolled in a programme).
  await page.getByRole('button', { name: 'Registrera återfall' }).click();
  await page.getByLabel('Vad händer nu').selectOption('resumed_planning');
  await page.getByRole('button', { name: 'Spara återfallet' }).click();
  await expect(page.getByRole('tabpanel').getByText('Återfall', { exact: true })).toBeVisible();
});

test('the referral list filters by status and opens a referral', async ({ page }) => {
  await openSignedIn(page, '/referrals');
  await expect(page.getByRole('heading', { level: 1, name: 'Remisser' })).toBeFocused();
  await page.getByLabel('Status').selectOption('first_meeting_booked');
  await expect(page).toHaveURL(/status=first_meeting_booked/);
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toContainText('Första möte bokat');
  await expect(rows.filter({ hasNotText: 'Första möte bokat' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'referral list');
  await shoot(page, 'referrals');
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('button', { name: 'Registrera uteblivet besök' })).toBeVisible();
});

test('a duplicate is flagged while registering', async ({ page, request }) => {
  const auth = await apiLogin(request);
  const lastName = uniqueName('Dubblett');
  await apiCreateParticipant(request, auth, { first_name: 'Alva', last_name: lastName, date_of_birth: '1980-05-06' });
  await openSignedIn(page, '/participants/new');
  await page.getByLabel('Förnamn').fill('Alva');
  await page.getByLabel('Efternamn').fill(lastName);
  await page.getByLabel('Födelsedatum').fill('1980-05-06');
  const warning = page.getByRole('status').filter({ hasText: 'Det kan finnas en dubblett' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Samma namn och födelsedatum');
  await expectNoAxeViolations(page, 'new participant with duplicate warning');
  await shoot(page, 'participant-new-duplicate');
});
