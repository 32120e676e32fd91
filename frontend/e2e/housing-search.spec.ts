import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, bearer, expectNoAxeViolations, openSignedIn, uniqueName } from './helpers';

test('caseworker corrects a housing search case, meets a stale version, and logs actions in it', async ({ page, request }) => {
  test.setTimeout(120_000);
  const caseworker = await apiLogin(request);
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Signe', last_name: uniqueName('Rätta') });
  const res = await request.post('/api/v1/housing-search-cases', {
    headers: bearer(caseworker),
    data: { participant_id: p.id, referring_unit: 'Ekonomiskt bistånd', target_group: 'young_adult', note: null },
  });
  expect(res.status(), await res.text()).toBe(201);
  const created = (await res.json()) as { id: string; version: number; opened_on: string };

  await openSignedIn(page, `/participants/${p.id}?tab=housing`);
  const search = page.getByRole('region', { name: 'Bostadssökarstöd' });
  const item = search.getByRole('listitem').filter({ hasText: 'Ung vuxen' });
  await expect(item).toContainText('Ekonomiskt bistånd');

  // Correct the referring unit and target group.
  await item.getByRole('button', { name: /^Ändra: Ekonomiskt bistånd/ }).click();
  await item.getByLabel('Remitterande enhet').fill('Vuxenenheten');
  await item.getByLabel('Målgrupp').selectOption({ label: 'Tidigare inneboende' });
  await item.getByLabel('Anteckning (frivilligt)').fill('Rättad remittent');
  await expectNoAxeViolations(page, 'search case correction');
  await item.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bostadssökarärendet är ändrat.' })).toBeVisible();
  const corrected = search.getByRole('listitem').filter({ hasText: 'Tidigare inneboende' });
  await expect(corrected).toContainText('Vuxenenheten');
  await expect(corrected).toContainText('Rättad remittent');

  // Someone else changes it while this user edits: 412, shown as such; reload shows theirs.
  await corrected.getByRole('button', { name: /^Ändra: Vuxenenheten/ }).click();
  await corrected.getByLabel('Remitterande enhet').fill('Min ändring');
  const other = await request.put(`/api/v1/housing-search-cases/${created.id}`, {
    headers: { ...bearer(caseworker), 'If-Match': `"${created.version + 1}"` },
    data: { referring_unit: 'Någon annans enhet', target_group: 'former_lodger', opened_on: created.opened_on, note: null },
  });
  expect(other.status(), await other.text()).toBe(200);
  await corrected.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(search.getByRole('alert').filter({ hasText: 'Någon annan har ändrat uppgifterna' })).toBeVisible();
  await search.getByRole('button', { name: /Ladda om/ }).click();
  const theirs = search.getByRole('listitem').filter({ hasText: 'Någon annans enhet' });
  await expect(theirs).toBeVisible();

  // Log an action (today by default); it is listed under the case.
  await theirs.getByRole('button', { name: /^Logga åtgärd: Någon annans enhet/ }).click();
  await expect(theirs.getByLabel('Åtgärd', { exact: true })).toBeFocused();
  await theirs.getByLabel('Åtgärd', { exact: true }).selectOption({ label: 'Visning' });
  await theirs.getByLabel('Anteckning (frivilligt)').fill('Visning på Storgatan');
  await theirs.getByRole('button', { name: 'Logga åtgärden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Åtgärden är loggad.' })).toBeVisible();
  const actions = theirs.getByRole('list', { name: /^Åtgärder i Någon annans enhet/ });
  await expect(actions).toContainText('Visning · Visning på Storgatan');
  await expectNoAxeViolations(page, 'search case with an action');
});

test('caseworker corrects a temporary stay', async ({ page, request }) => {
  test.setTimeout(90_000);
  const caseworker = await apiLogin(request);
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Stig', last_name: uniqueName('Vistelse') });
  const res = await request.post('/api/v1/temporary-stays', {
    headers: bearer(caseworker),
    data: { participant_id: p.id, kind: 'shelter', from_date: '2026-01-10', to_date: '2026-01-15', cost_per_night: 400, provider: 'Härbärget' },
  });
  expect(res.status(), await res.text()).toBe(201);

  await openSignedIn(page, `/participants/${p.id}?tab=housing`);
  const stays = page.getByRole('region', { name: 'Tillfälligt boende', exact: true });
  const row = stays.getByRole('row', { name: /Härbärget/ });
  await expect(row).toContainText('400 kr/natt');
  await row.getByRole('button', { name: /^Ändra: / }).click();
  await expect(stays.getByRole('heading', { name: 'Ändra vistelse' })).toBeFocused();
  await stays.getByLabel('Typ').selectOption({ label: 'Hotell eller vandrarhem' });
  await stays.getByLabel('Boende (frivilligt)').fill('Hotell Exempel');
  await stays.getByLabel('Kostnad per natt (kr)').fill('650');
  await expectNoAxeViolations(page, 'temporary stay correction');
  await stays.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vistelsen är ändrad.' })).toBeVisible();
  const corrected = stays.getByRole('row', { name: /Hotell Exempel/ });
  await expect(corrected).toContainText('650 kr/natt');
  await expect(corrected).toContainText(/3\s250 kr/); // five nights
  await expect(stays.getByRole('heading', { name: 'Ändra vistelse' })).toHaveCount(0);
});

test('the housing page shows temporary-housing nights and cost per tertial', async ({ page, request }) => {
  test.setTimeout(90_000);
  const caseworker = await apiLogin(request);
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Tora', last_name: uniqueName('Kostnad') });
  const res = await request.post('/api/v1/temporary-stays', {
    headers: bearer(caseworker),
    data: { participant_id: p.id, kind: 'shelter', from_date: '2019-05-10', to_date: '2019-05-13', cost_per_night: 500, provider: null },
  });
  expect(res.status(), await res.text()).toBe(201);
  const unit = caseworker.staff.units[0].id;
  const api = await request.get(`/api/v1/temporary-stays/costs?unit_id=${unit}&year=2019`, { headers: bearer(caseworker) });
  const expected = (await api.json()) as { stays: number; nights: number; cost: number; tertials: { tertial: number; nights: number }[] };
  expect(expected.tertials.find((x) => x.tertial === 2)!.nights).toBeGreaterThanOrEqual(3);

  await openSignedIn(page, '/housing');
  const costs = page.getByRole('region', { name: 'Kostnader för tillfälligt boende' });
  await costs.getByLabel('År').fill('2019');
  const table = costs.getByRole('table', { name: /Nätter och kostnad per tertial 2019/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /^Tertial 1/ })).toContainText('2019-01-01');
  const t2 = table.getByRole('row', { name: /^Tertial 2/ });
  await expect(t2.getByRole('cell').nth(1)).toHaveText(String(expected.tertials.find((x) => x.tertial === 2)!.nights));
  await expect(table.getByRole('row', { name: /^Hela året/ })).toContainText(new Intl.NumberFormat('sv-SE').format(expected.cost));
  await expectNoAxeViolations(page, 'temporary housing costs');
});
