import { expect, test } from '@playwright/test';
import {
  CASEWORKER,
  apiCreateParticipant,
  apiLogin,
  login,
  openSignedIn,
  randomPersonnummer,
  sv,
  uniqueName,
} from './helpers';

test('login shows the server problem on bad credentials', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel(sv.username).fill(CASEWORKER);
  await page.getByLabel(sv.password).fill('wrong-password');
  await page.getByRole('button', { name: sv.loginButton }).click();
  await expect(page.getByRole('alert')).toContainText('Fel användarnamn eller lösenord');
  await expect(page.getByLabel(sv.username)).toHaveValue(CASEWORKER);
});

test('after login the user returns to the page they came from, and can log out', async ({ page }) => {
  await page.goto('/participants?status=active&sort=-created_at');
  await expect(page).toHaveURL(/\/login\?next=/);
  await login(page);
  await expect(page).toHaveURL(/\/participants\?status=active&sort=-created_at$/);
  await expect(page.getByRole('heading', { level: 1, name: sv.participants })).toBeFocused();
  await expect(page.getByRole('banner')).toContainText('Handläggare');

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: sv.loginHeading })).toBeVisible();
  // The tokens are gone: a protected page asks for login again.
  await page.goto('/participants');
  await expect(page).toHaveURL(/\/login\?next=%2Fparticipants/);
});

test('caseworker registers a participant, finds it by search and edits it', async ({ page }) => {
  const pnr = randomPersonnummer();
  const lastName = uniqueName('Testberg');
  await openSignedIn(page, '/participants');

  await page.getByRole('link', { name: sv.newParticipant }).click();
  await expect(page.getByRole('heading', { level: 1, name: sv.newParticipant })).toBeFocused();

  // Live personnummer validation: a wrong check digit is flagged while typing, then accepted.
  const pnrField = page.getByLabel('Personnummer eller samordningsnummer');
  const wrong = pnr.short.slice(0, -1) + String((Number(pnr.short.at(-1)) + 1) % 10);
  await pnrField.fill(wrong);
  await expect(page.getByText('kontrollsiffran stämmer inte')).toBeVisible();
  await expect(pnrField).toHaveAttribute('aria-invalid', 'true');
  await pnrField.fill(pnr.short);
  await expect(page.getByText('Giltigt personnummer')).toBeVisible();
  await expect(pnrField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Födelsedatum')).toHaveValue(`${pnr.long.slice(0, 4)}-${pnr.long.slice(4, 6)}-${pnr.long.slice(6, 8)}`);

  // Required fields are reported on submit.
  await page.getByRole('button', { name: 'Registrera deltagare' }).click();
  await expect(page.getByLabel('Förnamn')).toBeFocused();
  await expect(page.getByLabel('Förnamn')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Förnamn').fill('Kim');
  await page.getByLabel('Efternamn').fill(lastName);
  await page.getByLabel('Kön').selectOption('other');
  await page.getByLabel('Telefon').fill('070-123 45 67');
  await page.getByLabel('Ort').fill('Stockholm');
  const unit = page.getByLabel('Enhet');
  if ((await unit.inputValue()) === '') await unit.selectOption({ index: 1 });
  await page.getByLabel('Boendesituation').selectOption('shelter');
  await page.getByLabel('Huvudsakligt missbruk').selectOption('alcohol');
  await page.getByLabel('Försörjning').selectOption('financial_assistance');
  await page.getByRole('button', { name: 'Registrera deltagare' }).click();

  await expect(page).toHaveURL(/\/participants\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Kim ${lastName}`);
  await expect(page.getByRole('status').filter({ hasText: 'Deltagaren har registrerats' })).toBeVisible();
  await expect(page.getByText(pnr.long)).toBeVisible();
  const detailUrl = page.url();

  // Registering the same personnummer again is refused with a link to the existing record.
  await page.goto('/participants/new');
  await page.getByLabel('Personnummer eller samordningsnummer').fill(pnr.long);
  await page.getByLabel('Förnamn').fill('Dubbel');
  await page.getByLabel('Efternamn').fill(lastName);
  if ((await unit.inputValue()) === '') await unit.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Registrera deltagare' }).click();
  await expect(page.getByRole('alert')).toContainText('Det finns redan en deltagare med det personnumret');
  await page.getByRole('link', { name: 'Öppna den befintliga deltagaren' }).click();
  await expect(page).toHaveURL(detailUrl);

  // Find it in the list by searching.
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: sv.participants }).click();
  await page.getByLabel('Sök').fill(lastName);
  await expect(page).toHaveURL(new RegExp(`q=${lastName}`));
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(pnr.long);
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(detailUrl);
  // Back to the list keeps the search; the menu link clears it.
  await page.goBack();
  await expect(page.getByLabel('Sök')).toHaveValue(lastName);
  await expect(rows).toHaveCount(1);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: sv.participants }).click();
  await expect(page.getByLabel('Sök')).toHaveValue('');
  await page.goBack();
  await expect(page.getByLabel('Sök')).toHaveValue(lastName);
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(detailUrl);

  // Edit.
  await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
  await page.getByLabel('Ort').fill('Göteborg');
  await page.getByLabel('E-post').fill('inte-en-adress');
  await page.getByRole('button', { name: 'Spara ändringar' }).click();
  await expect(page.getByLabel('E-post')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('E-post').fill('kim@example.se');
  await page.getByRole('button', { name: 'Spara ändringar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ändringarna har sparats' })).toBeVisible();
  await expect(page.getByText('Göteborg')).toBeVisible();
  await expect(page.getByText('kim@example.se')).toBeVisible();

  // Close the participant.
  await page.getByRole('button', { name: 'Avsluta deltagare' }).click();
  await page.getByLabel('Anledning (frivilligt)').fill('Flyttat till annan kommun');
  await page.getByRole('button', { name: 'Bekräfta avslut' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deltagaren har avslutats' })).toBeVisible();
  await expect(page.getByText('Flyttat till annan kommun')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ändra uppgifter' })).toHaveCount(0);

  // And reopen it.
  await page.getByRole('button', { name: 'Återöppna deltagare' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deltagaren har återöppnats' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ändra uppgifter' })).toBeVisible();
});

test('a version conflict between two sessions is shown, never overwritten', async ({ browser, request }) => {
  const auth = await apiLogin(request);
  const lastName = uniqueName('Konflikt');
  const created = await apiCreateParticipant(request, auth, { first_name: 'Alex', last_name: lastName });
  const path = `/participants/${created.id}`;

  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  try {
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    await openSignedIn(a, path);
    await openSignedIn(b, path);
    await a.getByRole('button', { name: 'Ändra uppgifter' }).click();
    await b.getByRole('button', { name: 'Ändra uppgifter' }).click();

    await a.getByLabel('Ort').fill('Malmö');
    await a.getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'Ändringarna har sparats' })).toBeVisible();

    await b.getByLabel('Ort').fill('Uppsala');
    await b.getByRole('button', { name: 'Spara ändringar' }).click();
    const alert = b.getByRole('alert').filter({ hasText: sv.conflict });
    await expect(alert).toBeVisible();
    await expect(b.getByLabel('Ort')).toHaveValue('Uppsala'); // B's draft is still on screen

    await alert.getByRole('button', { name: 'Ladda om uppgifterna' }).click();
    await expect(b.getByLabel('Ort')).toHaveValue('Malmö');
    await expect(b.getByRole('alert').filter({ hasText: sv.conflict })).toHaveCount(0);

    // The server kept A's change.
    const res = await request.get(`/api/v1/participants/${created.id}`, {
      headers: { Authorization: `Bearer ${auth.access_token}` },
    });
    expect(((await res.json()) as { city: string }).city).toBe('Malmö');
  } finally {
    await contextA.close();
    await contextB.close();
  }
});
