import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiCreateParticipant, apiLogin, bearer, COORDINATOR, expectNoAxeViolations, MANAGER, openSignedIn, shoot, uniqueName } from './helpers';

type Auth = Awaited<ReturnType<typeof apiLogin>>;

async function post<T>(request: APIRequestContext, auth: Auth, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { headers: bearer(auth), data });
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

const daysAgo = (n: number) => {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('caseworker edits and deletes contacts and edits a relapse; a stale save re-applies on top', async ({ page, request }) => {
  const auth = await apiLogin(request);
  const p = await apiCreateParticipant(request, auth, { first_name: 'Kim', last_name: uniqueName('Kontakt') });
  const c1 = await post<{ id: string; version: number }>(request, auth, '/api/v1/contacts', {
    participants: [{ participant_id: p.id, attended: true }],
    occurred_at: `${daysAgo(3)}T09:00:00Z`,
    kind: 'meeting',
    note: 'Första mötet på kontoret',
  });
  await post(request, auth, '/api/v1/contacts', {
    participants: [{ participant_id: p.id, attended: true }],
    occurred_at: `${daysAgo(2)}T13:00:00Z`,
    kind: 'phone_call',
    note: 'Felregistrerat samtal',
  });
  // Relapses are recorded for people who have been enrolled in a programme.
  const programmes = (await (await request.get('/api/v1/programmes?limit=500', { headers: bearer(auth) })).json()) as {
    items: { id: string; unit_id: string; start_date: string; end_date: string | null }[];
  };
  const programme = programmes.items.find((x) => auth.staff.units.some((u) => u.id === x.unit_id) && x.start_date <= daysAgo(20) && !x.end_date);
  expect(programme, 'an open programme in the caseworker\'s unit').toBeTruthy();
  await post(request, auth, '/api/v1/enrolments', { participant_id: p.id, programme_id: programme!.id, start_date: daysAgo(20) });
  await post(request, auth, `/api/v1/participants/${p.id}/relapses`, { occurred_on: daysAgo(5), substance: 'alcohol', outcome: 'not_yet_known', note: null });

  await openSignedIn(page, `/participants/${p.id}?tab=contacts`);
  await expect(page.getByRole('tab', { name: 'Kontakter och återfall' })).toHaveAttribute('aria-selected', 'true');
  const contacts = page.getByRole('region', { name: 'Kontakter' });
  await expect(contacts.getByTestId('contact-item')).toHaveCount(2);

  // Edit the meeting: the form takes focus, the change is kept after a reload.
  const meeting = contacts.getByTestId('contact-item').filter({ hasText: 'Första mötet' });
  await meeting.getByRole('button', { name: /^Ändra/ }).click();
  const form = page.getByRole('form', { name: 'Ändra kontakten' });
  await expect(page.getByRole('heading', { name: 'Ändra kontakten' })).toBeFocused();
  await form.getByLabel('Typ av kontakt').selectOption('home_visit');
  await form.getByLabel('Anteckning').fill('Hembesök i stället för möte');
  await expectNoAxeViolations(page, 'contact edit form');
  await shoot(page, 'contact-edit');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kontakten har sparats' })).toBeVisible();
  await expect(page.locator(`#contact-edit-button-${c1.id}`)).toBeFocused();
  await page.reload();
  await expect(contacts.getByTestId('contact-item').filter({ hasText: 'Hembesök i stället för möte' })).toContainText('Hembesök');

  // Someone else changes the same contact while this user edits it: 412, then re-apply on top.
  const edited = contacts.getByTestId('contact-item').filter({ hasText: 'Hembesök i stället' });
  await edited.getByRole('button', { name: /^Ändra/ }).click();
  await form.getByLabel('Anteckning').fill('Min ändring av anteckningen');
  const current = (await (await request.get(`/api/v1/contacts/${c1.id}`, { headers: bearer(auth) })).json()) as { version: number };
  const other = await request.put(`/api/v1/contacts/${c1.id}`, {
    headers: { ...bearer(auth), 'If-Match': `"${current.version}"` },
    data: { participants: [{ participant_id: p.id, attended: false }], occurred_at: `${daysAgo(3)}T09:00:00Z`, kind: 'home_visit', note: 'Hembesök i stället för möte' },
  });
  expect(other.status(), await other.text()).toBe(200);
  await form.getByRole('button', { name: 'Spara' }).click();
  const stale = page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat uppgifterna' });
  await expect(stale).toBeVisible();
  await expect(stale.getByTestId('stale-changes')).toContainText('Deltagaren kom');
  await expectNoAxeViolations(page, 'contact edit stale alert');
  await stale.getByRole('button', { name: 'Spara mina ändringar ovanpå den nya versionen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kontakten har sparats' })).toBeVisible();
  await page.reload();
  const merged = contacts.getByTestId('contact-item').filter({ hasText: 'Min ändring av anteckningen' });
  await expect(merged).toContainText('Uteblev'); // the other person's change is kept

  // Delete the mistaken call, after a confirmation.
  const call = contacts.getByTestId('contact-item').filter({ hasText: 'Felregistrerat samtal' });
  await call.getByRole('button', { name: /^Ta bort/ }).click();
  await expect(call.getByText(/^Ta bort kontakten \(Telefonsamtal/)).toBeFocused();
  await expectNoAxeViolations(page, 'contact delete confirmation');
  await call.getByRole('button', { name: 'Avbryt' }).click();
  await expect(call.getByRole('button', { name: /^Ta bort/ })).toBeFocused();
  await call.getByRole('button', { name: /^Ta bort/ }).click();
  await call.getByRole('button', { name: 'Ja, ta bort kontakten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kontakten har tagits bort' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kontakter', exact: true })).toBeFocused();
  await page.reload();
  await expect(contacts.getByTestId('contact-item')).toHaveCount(1);
  await expect(contacts).not.toContainText('Felregistrerat samtal');

  // Correct a relapse when its outcome becomes known.
  const relapses = page.getByRole('region', { name: 'Återfall' });
  await relapses.getByRole('button', { name: /^Ändra/ }).click();
  // A local draft survives a reload.
  await page.getByRole('form', { name: 'Ändra återfallet' }).getByLabel('Anteckning').fill('Återupptog planeringen efter samtal');
  await page.reload();
  await relapses.getByRole('button', { name: /^Ändra/ }).click();
  await expect(page.getByRole('form', { name: 'Ändra återfallet' }).getByLabel('Anteckning')).toHaveValue('Återupptog planeringen efter samtal');
  await expect(relapses.getByRole('button', { name: 'Kasta utkastet' })).toBeVisible();
  await page.getByRole('form', { name: 'Ändra återfallet' }).getByLabel('Vad händer nu').selectOption('resumed_planning');
  await page.getByRole('form', { name: 'Ändra återfallet' }).getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Återfallet har sparats' })).toBeVisible();
  await page.reload();
  await expect(relapses.getByTestId('relapse-item')).toContainText('Planeringen återupptas');
  await expect(relapses.getByTestId('relapse-item')).toContainText('Återupptog planeringen efter samtal');
  await expectNoAxeViolations(page, 'participant contacts tab');
  await shoot(page, 'participant-contacts');
});

test('read-only staff see contacts but no edit or delete buttons', async ({ page, request }) => {
  const auth = await apiLogin(request);
  const p = await apiCreateParticipant(request, auth, { first_name: 'Lo', last_name: uniqueName('Läsbar') });
  await post(request, auth, '/api/v1/contacts', { participants: [{ participant_id: p.id, attended: true }], occurred_at: `${daysAgo(1)}T10:00:00Z`, kind: 'meeting', note: 'Läses bara' });
  await openSignedIn(page, `/participants/${p.id}?tab=contacts`, 'lisa.lasbehorig');
  const contacts = page.getByRole('region', { name: 'Kontakter' });
  await expect(contacts).toContainText('Läses bara');
  await expect(contacts.getByRole('button')).toHaveCount(0);
});

test('caseworker corrects a consent and an ASI interview', async ({ page, request }) => {
  const auth = await apiLogin(request);
  const p = await apiCreateParticipant(request, auth, { first_name: 'Ari', last_name: uniqueName('Rättelse') });
  await post(request, auth, `/api/v1/participants/${p.id}/consents`, { party: 'landlord', purpose: 'Hyresfrågor', given_on: daysAgo(10) });
  await post(request, auth, `/api/v1/participants/${p.id}/asi-interviews`, {
    kind: 'baseline',
    interviewed_on: daysAgo(9),
    ratings: [{ area: 'alcohol', interviewer_severity: 6, participant_rating: 3 }],
  });
  await openSignedIn(page, `/participants/${p.id}?tab=records`);

  const consents = page.getByRole('region', { name: 'Samtycken' });
  await consents.getByRole('button', { name: /^Ändra: Hyresvärd/ }).click();
  const cform = page.getByRole('form', { name: 'Ändra samtycket' });
  await cform.getByLabel(/^Vad som får delas/).fill('Hyresfrågor och störningsanmälningar');
  await cform.getByLabel('Gäller till').fill('2020-01-01'); // before the date given: checked in the browser
  await cform.getByRole('button', { name: 'Spara' }).click();
  await expect(cform.getByLabel('Gäller till')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'consent edit form with an error');
  await cform.getByLabel('Gäller till').fill('');
  await cform.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Samtycket har sparats' })).toBeVisible();

  await page.getByRole('button', { name: /^Ändra intervjun/ }).click();
  const aform = page.getByRole('form', { name: 'Ändra ASI-intervjun' });
  await aform.getByLabel('Alkohol: Intervjuarens skattning (0–9)').fill('4');
  await aform.getByLabel('Narkotika: Klientens skattning (0–4)').fill('2');
  await expectNoAxeViolations(page, 'ASI edit form');
  await aform.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ASI-intervjun har sparats' })).toBeVisible();

  await page.reload();
  await expect(consents).toContainText('Hyresfrågor och störningsanmälningar');
  const asi = page.getByRole('table', { name: /^Grundintervju/ });
  await expect(asi.getByRole('row', { name: /Alkohol/ })).toContainText('4');
  await expect(asi.getByRole('row', { name: /Narkotika/ })).toContainText('2');
});

test('coordinator edits an apartment, a queue entry, a tenancy and records a follow-up', async ({ page, request }) => {
  test.setTimeout(120_000);
  const caseworker = await apiLogin(request);
  const coordinator = await apiLogin(request, COORDINATOR);
  const unitId = coordinator.staff.units[0].id;
  const waitingLast = uniqueName('Väntar');
  const waiting = await apiCreateParticipant(request, caseworker, { first_name: 'Vera', last_name: waitingLast });
  const mover = await apiCreateParticipant(request, caseworker, { first_name: 'Tove', last_name: uniqueName('Bor') });
  await post(request, coordinator, '/api/v1/queue-entries', { participant_id: waiting.id, wish: 'training_apartment', ready: true });
  const address = `Ändringsgatan ${Math.floor(Math.random() * 900) + 10}, lgh ${uniqueName('')}`;
  const apt = await post<{ id: string }>(request, coordinator, '/api/v1/apartments', { unit_id: unitId, address, kind: 'training_apartment', monthly_rent: 4000 });
  const home = await post<{ id: string }>(request, coordinator, '/api/v1/apartments', { unit_id: unitId, address: `${address} B`, kind: 'trial_apartment' });
  await post(request, coordinator, '/api/v1/tenancies', { participant_id: mover.id, apartment_id: home.id, move_in_on: daysAgo(30) });
  void apt;

  // The apartment, from the occupancy board.
  await openSignedIn(page, '/housing', COORDINATOR);
  const cell = page.getByRole('listitem').filter({ hasText: address }).filter({ hasNotText: `${address} B` });
  await cell.getByRole('button', { name: /^Ändra lägenheten/ }).click();
  const aform = page.getByRole('form', { name: `Ändra lägenheten ${address}` });
  await aform.getByLabel('Hyra per månad (kr)').fill('4350');
  await aform.getByLabel('Boyta (m²)').fill('31,5');
  await aform.getByLabel('Status').selectOption('renovation');
  await expectNoAxeViolations(page, 'apartment edit form');
  await shoot(page, 'apartment-edit');
  await aform.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lägenheten har sparats' })).toBeVisible();
  await expect(cell.getByRole('button', { name: /^Ändra lägenheten/ })).toBeFocused();
  await page.reload();
  await expect(cell).toContainText('4 350');
  await expect(cell).toContainText('Renoveras');

  // The queue entry, on the participant's housing tab.
  await page.goto(`/participants/${waiting.id}?tab=housing`);
  const queue = page.getByRole('region', { name: 'Kö och lottning' });
  await queue.getByRole('button', { name: 'Ändra köplatsen' }).click();
  const qform = page.getByRole('form', { name: 'Ändra köplatsen' });
  await qform.getByLabel('Prioritet').selectOption('1');
  await qform.getByLabel('Redo att flytta in').uncheck();
  await qform.getByRole('button', { name: 'Spara' }).click();
  await expect(qform.getByLabel('Varför inte redo')).toHaveAttribute('aria-invalid', 'true');
  await qform.getByLabel('Varför inte redo').fill('Väntar på skuldsanering');
  await qform.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Köplatsen har sparats' })).toBeVisible();
  await page.reload();
  await expect(queue).toContainText('Prioritet 1');
  await expect(queue).toContainText('Inte redo (Väntar på skuldsanering)');

  // The same entry from the queue page.
  await page.goto('/housing/queue');
  const row = page.getByRole('row', { name: new RegExp(waitingLast) });
  await row.getByRole('button', { name: `Ändra: Vera ${waitingLast}` }).click();
  const qpform = page.getByRole('form', { name: 'Ändra köplatsen' });
  await expect(qpform.getByLabel('Varför inte redo')).toHaveValue('Väntar på skuldsanering');
  await qpform.getByLabel('Önskemål').selectOption('trial_apartment');
  await expectNoAxeViolations(page, 'queue entry edit on the queue page');
  await qpform.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Köplatsen har sparats' })).toBeVisible();
  await expect(row.getByRole('button', { name: `Ändra: Vera ${waitingLast}` })).toBeFocused();
  await page.reload();
  await expect(row).toContainText('Försökslägenhet');

  // The tenancy's planned takeover and a follow-up, for the one who lives there.
  await page.goto(`/participants/${mover.id}?tab=housing`);
  const tenancies = page.getByRole('region', { name: 'Boende i lägenhet' });
  await tenancies.getByRole('button', { name: /^Ändra planerat övertagande/ }).click();
  const tform = page.getByRole('form', { name: 'Ändra boendet' });
  await tform.getByLabel('Planerat övertagande').fill('2030-06-30');
  await tform.getByLabel('Anteckning').fill('Övertagande flyttat efter samtal med hyresvärden');
  await tform.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Boendet har sparats' })).toBeVisible();

  const followUps = page.getByRole('region', { name: 'Uppföljningar av boendet' });
  await followUps.getByRole('button', { name: /^Registrera resultat – Före inflyttning/ }).click();
  const fform = page.getByRole('form', { name: 'Uppföljning: Före inflyttning' });
  await fform.getByLabel('Gjord den').fill(daysAgo(31));
  await fform.getByLabel('Boendekostnad per månad (kr)').fill('3900');
  await fform.getByLabel('Skulder (kr)').fill('-5');
  await fform.getByRole('button', { name: 'Spara' }).click();
  await expect(fform.getByLabel('Skulder (kr)')).toHaveAttribute('aria-invalid', 'true');
  await fform.getByLabel('Skulder (kr)').fill('12000');
  await expectNoAxeViolations(page, 'follow-up form');
  await fform.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Uppföljningen har sparats' })).toBeVisible();

  await page.reload();
  await expect(tenancies).toContainText('2030-06-30');
  await expect(tenancies).toContainText('Övertagande flyttat efter samtal med hyresvärden');
  await expect(followUps).toContainText('Boendekostnad per månad (kr): 3900');
  await expectNoAxeViolations(page, 'participant housing tab with edits');
});

test('manager edits a programme and writes a method evaluation; a caseworker cannot edit', async ({ page, request }) => {
  const manager = await apiLogin(request, MANAGER);
  const name = uniqueName('Metodprogram ');
  const prog = await post<{ id: string }>(request, manager, '/api/v1/programmes', {
    unit_id: manager.staff.units[0].id,
    name,
    kind: 'housing_support',
    start_date: '2025-01-01',
  });

  await openSignedIn(page, '/programmes', MANAGER);
  await expect(page.getByRole('heading', { level: 1, name: 'Program' })).toBeVisible();
  await expectNoAxeViolations(page, 'programmes list');
  await shoot(page, 'programmes');
  await page.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/programmes/${prog.id}$`));
  await page.getByRole('button', { name: 'Ändra programmet' }).click();
  const form = page.getByRole('form', { name: 'Ändra programmet' });
  await form.getByLabel('Beskrivning').fill('Boendestöd i egen lägenhet, två besök i veckan.');
  await form.getByLabel('Slutdatum').fill('2024-12-31');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByLabel('Slutdatum')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Slutdatum').fill('2027-12-31');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Programmet har sparats' })).toBeVisible();

  await page.getByRole('button', { name: 'Ny metodutvärdering' }).click();
  await page.getByLabel(/^Halvår/).fill('2025-H1');
  await page.getByLabel('Enhetens utvärdering').fill('Metoden fungerar väl.');
  await page.getByRole('button', { name: 'Skapa utvärderingen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Metodutvärderingen har skapats' })).toBeVisible();
  const evaluation = page.getByRole('article', { name: /^2025-H1/ });
  await expect(evaluation.getByRole('table')).toContainText('Skrivna handlingsplaner');
  await evaluation.getByRole('button', { name: /^Ändra texten/ }).click();
  await page.getByRole('form', { name: 'Ändra utvärderingen 2025-H1' }).getByLabel('Enhetens utvärdering').fill('Metoden fungerar väl; fler uppföljningar i tid behövs.');
  await page.getByRole('form', { name: 'Ändra utvärderingen 2025-H1' }).getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Utvärderingen har sparats' })).toBeVisible();
  await expectNoAxeViolations(page, 'programme page');
  await shoot(page, 'programme');

  await page.reload();
  await expect(page.getByText('Boendestöd i egen lägenhet, två besök i veckan.')).toBeVisible();
  await expect(page.getByText('2027-12-31')).toBeVisible();
  await expect(evaluation.getByTestId('evaluation-text')).toHaveText('Metoden fungerar väl; fler uppföljningar i tid behövs.');

  // A caseworker sees the programme but no edit button.
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await openSignedIn(page, `/programmes/${prog.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ändra programmet' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ny metodutvärdering' })).toHaveCount(0);
});
