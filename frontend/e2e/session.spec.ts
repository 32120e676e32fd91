import { expect, test, type Page } from '@playwright/test';
import { openSignedIn } from './helpers';

// The server runs with STEGVIS_ACCESS_TOKEN_TTL (10 s by default in playwright.config.ts) and
// accepts tokens for a few seconds past their expiry (leeway).
const SERVER_LEEWAY_MS = 5_000;

type Stored = { accessToken: string; refreshToken: string; expiresAt: number };
const stored = (page: Page) =>
  page.evaluate(() => JSON.parse(window.sessionStorage.getItem('stegvis.session') ?? 'null') as Stored | null);

test('the short-lived access token is renewed before expiry and after a 401, without a new login', async ({ page }) => {
  test.setTimeout(90_000);
  const listStatuses: number[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/participants') listStatuses.push(r.status());
  });
  await openSignedIn(page, '/participants');
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const first = (await stored(page))!;

  // 1. Proactive: inside the renewal margin, the next request renews first (no 401 seen).
  await page.waitForTimeout(Math.max(0, first.expiresAt - Date.now()) - 1_000);
  listStatuses.length = 0;
  await page.getByLabel('Status').selectOption('active');
  await expect(page).toHaveURL(/status=active/);
  await expect.poll(() => listStatuses).toEqual([200]);
  await expect(rows.first()).toBeVisible();
  const second = (await stored(page))!;
  expect(second.accessToken).not.toBe(first.accessToken);
  expect(second.refreshToken).not.toBe(first.refreshToken); // rotated

  // 2. Reactive: make the app believe its token is fresh, let the server expire it, and the
  //    401 is answered by one renewal and a retry of the same request.
  await page.evaluate(() => {
    const key = 'stegvis.session';
    const data = JSON.parse(window.sessionStorage.getItem(key)!);
    data.expiresAt = Date.now() + 3_600_000;
    window.sessionStorage.setItem(key, JSON.stringify(data));
  });
  await page.reload();
  await expect(rows.first()).toBeVisible();
  await page.waitForTimeout(Math.max(0, second.expiresAt + SERVER_LEEWAY_MS + 1_000 - Date.now()));
  listStatuses.length = 0;
  await page.getByLabel('Status').selectOption('');
  await expect(page).not.toHaveURL(/status=/);
  await expect.poll(() => listStatuses).toEqual([401, 200]);
  await expect(rows.first()).toBeVisible();
  const third = (await stored(page))!;
  expect(third.accessToken).not.toBe(second.accessToken);
  await expect(page).toHaveURL(/\/participants$/);
});

test('when renewal fails the user is sent to login and comes back to the same page', async ({ page }) => {
  await openSignedIn(page, '/participants?sort=-created_at');
  await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
  // Break both tokens (as if revoked), then make a request.
  await page.evaluate(() => {
    const key = 'stegvis.session';
    const data = JSON.parse(window.sessionStorage.getItem(key)!);
    data.accessToken = 'invalid';
    data.refreshToken = 'invalid';
    window.sessionStorage.setItem(key, JSON.stringify(data));
  });
  await page.reload();
  await expect(page).toHaveURL(/\/login\?next=%2Fparticipants%3Fsort%3D-created_at&reason=expired$/);
  await expect(page.getByRole('status')).toContainText('Din session har gått ut');
  await page.getByLabel('Användarnamn').fill('anna.handlaggare');
  await page.getByLabel('Lösenord').fill('stegvis-demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/participants\?sort=-created_at$/);
});

test('a duplicated tab keeps its session when the other tab renews the shared tokens', async ({ context }) => {
  test.setTimeout(60_000);
  const a = await context.newPage();
  await openSignedIn(a, '/participants');
  const original = (await stored(a))!;

  // A duplicated tab starts with a copy of sessionStorage.
  const b = await context.newPage();
  await b.addInitScript((value) => {
    if (!window.sessionStorage.getItem('stegvis.session')) window.sessionStorage.setItem('stegvis.session', value);
  }, JSON.stringify(original));
  await b.goto('/participants');
  await expect(b.getByRole('table').locator('tbody tr').first()).toBeVisible();

  // Tab A renews (rotating the refresh token); tab B is told and adopts the new tokens.
  await a.waitForTimeout(Math.max(0, original.expiresAt - Date.now()) - 1_000);
  await a.getByLabel('Status').selectOption('active');
  await expect.poll(async () => (await stored(a))!.refreshToken).not.toBe(original.refreshToken);
  const renewed = (await stored(a))!;
  await expect.poll(async () => (await stored(b))?.refreshToken).toBe(renewed.refreshToken);

  // Tab B goes on working without a new login.
  await b.getByLabel('Status').selectOption('closed');
  await expect(b).toHaveURL(/\/participants\?status=closed$/);
  await expect(b.getByRole('status').filter({ hasText: /deltagare/ })).toBeVisible();
});
