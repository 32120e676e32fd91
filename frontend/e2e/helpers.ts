import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** Demo accounts created by `stegvis --demo` (fictional data). */
export const DEMO_PASSWORD = 'stegvis-demo';
export const CASEWORKER = 'anna.handlaggare';
export const MANAGER = 'erik.chef';

/** Swedish UI texts the tests look for (the app's default language). */
export const sv = {
  loginHeading: 'Logga in',
  username: 'Användarnamn',
  password: 'Lösenord',
  loginButton: 'Logga in',
  participants: 'Deltagare',
  newParticipant: 'Ny deltagare',
  conflict: 'Någon annan har ändrat uppgifterna',
};

export async function login(page: Page, username = CASEWORKER, password = DEMO_PASSWORD) {
  await expect(page.getByRole('heading', { level: 1, name: sv.loginHeading })).toBeVisible();
  await page.getByLabel(sv.username).fill(username);
  await page.getByLabel(sv.password).fill(password);
  await page.getByRole('button', { name: sv.loginButton }).click();
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
}

/** Opens `path` (a protected page), signing in on the way. */
export async function openSignedIn(page: Page, path: string, username = CASEWORKER) {
  await page.goto(path);
  await login(page, username);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`));
}

function luhnCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A random, valid, fictional personnummer "YYYYMMDD-NNNN" (born 1950–1999). */
export function randomPersonnummer(): { long: string; short: string } {
  const year = 1950 + Math.floor(Math.random() * 50);
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 1 + Math.floor(Math.random() * 28);
  const serial = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const p2 = (n: number) => String(n).padStart(2, '0');
  const nine = `${String(year).slice(2)}${p2(month)}${p2(day)}${serial}`;
  const check = luhnCheckDigit(nine);
  return {
    long: `${year}${p2(month)}${p2(day)}-${serial}${check}`,
    short: `${nine.slice(0, 6)}-${serial}${check}`,
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

interface LoginResponse {
  access_token: string;
  staff: { id: string; units: { id: string; name: string }[] };
}

/** Signs in over the API (for test setup only). */
export async function apiLogin(request: APIRequestContext, username = CASEWORKER): Promise<LoginResponse> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as LoginResponse;
}

/** Creates a participant over the API and returns it (for test setup only). */
export async function apiCreateParticipant(
  request: APIRequestContext,
  auth: LoginResponse,
  fields: { first_name: string; last_name: string } & Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const res = await request.post('/api/v1/participants', {
    headers: { Authorization: `Bearer ${auth.access_token}` },
    data: {
      personal_identity_number: null,
      date_of_birth: null,
      gender: 'unknown',
      protected_identity: false,
      unit_id: auth.staff.units[0].id,
      responsible_caseworker_id: auth.staff.id,
      housing_situation: 'unknown',
      main_substance: 'unknown',
      income_source: 'unknown',
      ...fields,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; version: number };
}

/** Makes sure at least `n` participants are visible to the caseworker. */
export async function ensureParticipants(request: APIRequestContext, n: number) {
  const auth = await apiLogin(request);
  const res = await request.get('/api/v1/participants?limit=1', {
    headers: { Authorization: `Bearer ${auth.access_token}` },
  });
  expect(res.status()).toBe(200);
  const { total } = (await res.json()) as { total: number };
  for (let i = total; i < n; i++) {
    await apiCreateParticipant(request, auth, { first_name: 'Testa', last_name: uniqueName('Fyllnad') });
  }
}

export const COORDINATOR = 'sara.bosamordnare';

/** Fails the test when axe finds WCAG 2.1 A/AA violations on the page as it is now. */
export async function expectNoAxeViolations(page: Page, name: string, exclude?: string) {
  const { AxeBuilder } = await import('@axe-core/playwright');
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  // A sandboxed frame (no scripts) cannot be scanned from inside; its own page is checked separately.
  if (exclude) builder = builder.exclude(exclude);
  const results = await builder.analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

/** Full-page screenshots at 1280 and 820 px into e2e/screenshots/. */
export async function shoot(page: Page, name: string) {
  const { mkdirSync } = await import('node:fs');
  mkdirSync('e2e/screenshots', { recursive: true });
  for (const width of [1280, 820]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `e2e/screenshots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** An authorised API request context's headers. */
export function bearer(auth: { access_token: string }) {
  return { Authorization: `Bearer ${auth.access_token}` };
}
