import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, bearer, expectNoAxeViolations, MANAGER, openSignedIn, uniqueName } from './helpers';

// playwright.config.ts starts the server with STEGVIS_RETENTION_YEARS=0: a closed case is due at once.
test('a manager approves the removal (gallring) of a selected closed case after confirming', async ({ page, request }) => {
  test.setTimeout(90_000);
  const auth = await apiLogin(request);
  const gone = uniqueName('Gallras');
  const kept = uniqueName('Sparas');
  const ids: Record<string, string> = {};
  for (const last_name of [gone, kept]) {
    const p = await apiCreateParticipant(request, auth, { first_name: 'Greta', last_name });
    const res = await request.post(`/api/v1/participants/${p.id}/close`, { headers: bearer(auth), data: { version: p.version, reason: null } });
    expect(res.status(), await res.text()).toBe(200);
    ids[last_name] = p.id;
  }

  await openSignedIn(page, '/admin/retention', MANAGER);
  await expect(page.getByRole('heading', { level: 1, name: 'Gallring' })).toBeVisible();
  await expect(page.getByText('(0 år efter den senaste anteckningen)')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(gone) });
  await expect(row).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(kept) })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Gallra/ })).toBeDisabled();
  await page.getByLabel(`Välj Greta ${gone}`).check();
  await page.getByRole('button', { name: 'Gallra valt ärende …' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Bekräfta gallring av 1 ärende' });
  await expect(dialog).toContainText('Det går inte att ångra');
  await expect(dialog.getByRole('listitem')).toHaveText([`Greta ${gone}`]);
  const confirm = dialog.getByRole('button', { name: 'Gallra 1 ärende' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Jag förstår att uppgifterna tas bort för gott').check();
  await expectNoAxeViolations(page, 'retention confirmation');
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: '1 ärende har gallrats' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(gone) })).toHaveCount(0);
  await expect(page.getByRole('row', { name: new RegExp(kept) })).toBeVisible();

  const removed = await request.get(`/api/v1/participants/${ids[gone]}`, { headers: bearer(auth) });
  expect(removed.status()).toBe(404);
  const still = await request.get(`/api/v1/participants/${ids[kept]}`, { headers: bearer(auth) });
  expect(still.status()).toBe(200);
});

test('retention is not offered to a caseworker', async ({ page }) => {
  await openSignedIn(page, '/');
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
});
