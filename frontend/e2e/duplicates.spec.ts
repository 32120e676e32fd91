import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, expectNoAxeViolations, login, uniqueName } from './helpers';

const ADMIN_PASSWORD = process.env.STEGVIS_ADMIN_PASSWORD ?? 'e2e-admin-password-not-secret';

test('an admin finds two records of one person, merges them after confirming, and undoes the merge', async ({ page, request }) => {
  test.setTimeout(90_000);
  const auth = await apiLogin(request);
  const lastName = uniqueName('Dubblett');
  const person = { first_name: 'Dora', last_name: lastName, date_of_birth: '1981-03-04' };
  const keep = await apiCreateParticipant(request, auth, person);
  const dup = await apiCreateParticipant(request, auth, person);

  await page.goto('/admin/duplicates');
  await login(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Dubbletter' })).toBeVisible();
  // Half a search is refused in the browser.
  await page.getByLabel('Förnamn').fill('Dora');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Ange personnummer, eller förnamn' })).toBeVisible();

  await page.getByLabel('Efternamn').fill(lastName);
  await page.getByLabel('Födelsedatum').fill('1981-03-04');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: '2 poster som kan gälla samma person' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(keep.id) })).toContainText('Samma namn och födelsedatum');
  await page.getByLabel(`Behåll post ${keep.id}`).check();
  await page.getByLabel(`Slå samman post ${dup.id}`).check();
  await page.getByRole('button', { name: 'Slå samman …' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Bekräfta sammanslagning' });
  await expect(dialog).toContainText(`flyttas till post ${keep.id}`);
  await expect(dialog).toContainText(`Post ${dup.id} avslutas`);
  await expectNoAxeViolations(page, 'merge confirmation');
  await dialog.getByRole('button', { name: 'Slå samman posterna' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Posterna har slagits samman' })).toBeVisible();
  await expect(page.getByText(`Post ${dup.id} har slagits samman in i post ${keep.id}.`)).toBeVisible();

  // The duplicate is closed now; the caseworker sees it so.
  const closed = await request.get(`/api/v1/participants/${dup.id}`, { headers: { Authorization: `Bearer ${auth.access_token}` } });
  expect(((await closed.json()) as { status: string }).status).toBe('closed');

  await page.getByRole('button', { name: 'Ångra sammanslagningen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sammanslagningen är ångrad' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ångra sammanslagningen' })).toHaveCount(0);
  const back = await request.get(`/api/v1/participants/${dup.id}`, { headers: { Authorization: `Bearer ${auth.access_token}` } });
  expect(((await back.json()) as { status: string }).status).toBe('active');
  await expectNoAxeViolations(page, 'merge undone');
});
