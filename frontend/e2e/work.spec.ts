import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, bearer, expectNoAxeViolations, openSignedIn, shoot, uniqueName } from './helpers';

const CONSULTANT = 'maria.arbetskonsulent';

function isoDaysFromNow(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('work consultant registers an employer and places a participant in an internship with an agreement', async ({ page, request }) => {
  test.setTimeout(180_000);
  // Setup over the API: a participant enrolled in the demo's job-rehabilitation programme.
  const caseworker = await apiLogin(request);
  const lastName = uniqueName('Praktik');
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Kim', last_name: lastName });
  const programmes = (await (await request.get('/api/v1/programmes?limit=100', { headers: bearer(caseworker) })).json()) as { items: { id: string; name: string }[] };
  const programme = programmes.items.find((x) => x.name === 'Arbetsrehabilitering Steg för steg');
  expect(programme).toBeTruthy();
  const enrol = await request.post('/api/v1/enrolments', {
    headers: bearer(caseworker),
    data: { participant_id: p.id, programme_id: programme!.id, start_date: isoDaysFromNow(-7) },
  });
  expect(enrol.status(), await enrol.text()).toBe(201);

  // The employer register.
  await openSignedIn(page, '/work/employers', CONSULTANT);
  await expect(page.getByRole('heading', { level: 1, name: 'Arbetsgivare' })).toBeVisible();
  const employer = uniqueName('Parkförvaltningen ');
  await page.getByRole('button', { name: 'Ny arbetsgivare' }).click();
  const form = page.getByRole('region', { name: 'Ny arbetsgivare' });
  await form.getByRole('textbox', { name: /^Namn/ }).fill(employer);
  await form.getByLabel('Sektor').selectOption({ label: 'Offentlig' });
  await form.getByLabel('Kontaktperson').fill('Robin Arbetsledare');
  await form.getByLabel('Arbetsuppgifter som erbjuds').fill('parkarbete\nvaktmästeri');
  await expectNoAxeViolations(page, 'new employer form');
  await page.getByRole('button', { name: 'Registrera arbetsgivare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: employer })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Arbetsgivaren är registrerad' })).toBeVisible();
  await expect(page.getByText('parkarbete, vaktmästeri')).toBeVisible();

  // The participant's work tab: an internship with that employer.
  await page.goto(`/participants/${p.id}?tab=work`);
  await expect(page.getByRole('tab', { name: 'Arbete' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Ny aktivitet' }).click();
  await page.getByRole('combobox', { name: /^Insats/ }).selectOption({ label: `Arbetsrehabilitering Steg för steg (${isoDaysFromNow(-7)})` });
  await page.getByRole('combobox', { name: /^Arbetsgivare/ }).selectOption({ label: employer });
  await page.getByLabel('Timmar per vecka').fill('20');
  await expectNoAxeViolations(page, 'new activity form');
  await page.getByRole('button', { name: 'Spara aktivitet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Aktiviteten är registrerad' })).toBeVisible();
  const row = page.getByRole('row', { name: /Praktik/ });
  await expect(row).toContainText(employer);
  await expect(row).toContainText('Planerad');

  // The agreement.
  await row.getByRole('button', { name: /^Hantera Praktik/ }).click();
  await page.getByRole('button', { name: 'Skriv praktikavtal' }).click();
  await page.getByLabel('Kontaktperson på arbetsplatsen').fill('Robin Arbetsledare');
  await page.getByLabel('Försäkring är bekräftad').check();
  await page.getByRole('button', { name: 'Spara avtal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Praktikavtalet är registrerat' })).toBeVisible();
  const agreement = page.getByRole('article', { name: new RegExp(`Praktikavtal: ${employer}`) });
  await expect(agreement).toContainText('Robin Arbetsledare');
  await expect(agreement).toContainText('Gäller');

  // A follow-up, then an extension resting on it.
  await agreement.getByRole('button', { name: 'Registrera uppföljning' }).click();
  await agreement.getByLabel('Anteckning (frivilligt)').fill('Fungerar bra, båda vill förlänga');
  await agreement.getByRole('button', { name: 'Registrera uppföljning: Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Praktikavtalet är uppdaterat' })).toBeVisible();
  await expect(agreement).toContainText('Arbetsplatsbesök');
  const newEnd = isoDaysFromNow(75);
  await agreement.getByRole('button', { name: 'Förläng' }).click();
  await agreement.getByLabel('Nytt slutdatum').fill(newEnd);
  await agreement.getByRole('button', { name: 'Förläng: Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Praktikavtalet är uppdaterat' })).toBeVisible();
  await expect(agreement.getByText(new RegExp(`→ ${newEnd}`))).toBeVisible();
  await expectNoAxeViolations(page, 'participant work tab');
  await shoot(page, 'participant-work');

  // The employer's placement history now lists the internship.
  await page.getByRole('link', { name: employer }).first().click();
  await expect(page.getByRole('region', { name: 'Placeringshistorik' }).getByRole('row', { name: new RegExp(lastName) })).toContainText('Praktik');
  await expectNoAxeViolations(page, 'employer page');
  await shoot(page, 'employer');
});

test('an employer edited in two sessions shows what changed and can re-apply on top', async ({ browser, request }) => {
  const consultant = await apiLogin(request, CONSULTANT);
  const name = uniqueName('Konfliktbolaget ');
  const res = await request.post('/api/v1/employers', { headers: bearer(consultant), data: { name, sector: 'private', phone: '08-100 00' } });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  try {
    await openSignedIn(a, `/work/employers/${id}`, CONSULTANT);
    await openSignedIn(b, `/work/employers/${id}`, CONSULTANT);
    await a.getByRole('button', { name: 'Ändra uppgifter' }).click();
    await b.getByRole('button', { name: 'Ändra uppgifter' }).click();
    await a.getByLabel('Telefon').fill('08-200 00');
    await a.getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'Ändringarna är sparade' })).toBeVisible();

    await b.getByLabel('Anteckningar').fill('Tar gärna emot två praktikanter i vår.');
    await b.getByRole('button', { name: 'Spara ändringar' }).click();
    const alert = b.getByRole('alert').filter({ hasText: 'Någon annan har ändrat uppgifterna' });
    await expect(alert).toBeVisible();
    await expect(alert.getByTestId('stale-changes')).toContainText('Telefon');
    await expect(alert.getByTestId('stale-changes')).toContainText('08-200 00');
    await expectNoAxeViolations(b, 'employer conflict');
    await alert.getByRole('button', { name: 'Spara mina ändringar ovanpå den nya versionen' }).click();
    await expect(b.getByRole('status').filter({ hasText: 'Ändringarna är sparade' })).toBeVisible();

    // Both changes are kept: A's phone and B's note.
    const fresh = await apiLogin(request, CONSULTANT); // access tokens live 10 s in these tests
    const now = (await (await request.get(`/api/v1/employers/${id}`, { headers: bearer(fresh) })).json()) as { phone: string; notes: string };
    expect(now.notes).toBe('Tar gärna emot två praktikanter i vår.');
    expect(now.phone).toBe('08-200 00');
  } finally {
    await a.context().close();
    await b.context().close();
  }
});

test('an activity edited while someone else changed it shows what changed and re-applies only this edit', async ({ page, request }) => {
  test.setTimeout(120_000);
  const caseworker = await apiLogin(request);
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Alva', last_name: uniqueName('Aktivitet') });
  const programmes = (await (await request.get('/api/v1/programmes?limit=100', { headers: bearer(caseworker) })).json()) as { items: { id: string; name: string }[] };
  const programme = programmes.items.find((x) => x.name === 'Arbetsrehabilitering Steg för steg')!;
  const enrol = await request.post('/api/v1/enrolments', { headers: bearer(caseworker), data: { participant_id: p.id, programme_id: programme.id, start_date: isoDaysFromNow(-7) } });
  expect(enrol.status(), await enrol.text()).toBe(201);
  const enrolment = (await enrol.json()) as { id: string };
  const consultant = await apiLogin(request, CONSULTANT);
  const created = await request.post('/api/v1/activities', {
    headers: bearer(consultant),
    data: { enrolment_id: enrolment.id, kind: 'education', provider_name: 'Komvux', start_date: isoDaysFromNow(1), note: 'Svenska 1' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const activity = (await created.json()) as { id: string; version: number };

  await openSignedIn(page, `/participants/${p.id}?tab=work`, CONSULTANT);
  const row = page.getByRole('row', { name: /Utbildning/ });
  await expect(row).toContainText('Komvux');
  await row.getByRole('button', { name: /^Hantera Utbildning/ }).click();
  await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
  const form = page.getByRole('form', { name: 'Ändra aktiviteten' });
  await expect(form.getByLabel('Annan anordnare')).toHaveValue('Komvux');
  await expectNoAxeViolations(page, 'activity edit form');

  // Meanwhile a colleague changes the note.
  const colleague = await apiLogin(request, CONSULTANT);
  const theirs = await request.put(`/api/v1/activities/${activity.id}`, {
    headers: { ...bearer(colleague), 'If-Match': `"${activity.version}"` },
    data: { kind: 'education', provider_name: 'Komvux', start_date: isoDaysFromNow(1), note: 'Svenska 1 och matematik 1' },
  });
  expect(theirs.status(), await theirs.text()).toBe(200);

  // This user moves the planned end: the save meets the newer version.
  const plannedEnd = isoDaysFromNow(120);
  await form.getByLabel('Planerat slutdatum').fill(plannedEnd);
  await form.getByRole('button', { name: 'Spara ändringarna' }).click();
  const alert = form.getByRole('alert').filter({ hasText: 'Någon annan har ändrat uppgifterna' });
  await expect(alert).toBeVisible();
  await expect(alert.getByTestId('stale-changes')).toContainText('Anteckning');
  await expect(alert.getByTestId('stale-changes')).toContainText('Svenska 1 och matematik 1');
  await expectNoAxeViolations(page, 'activity edit conflict');
  await alert.getByRole('button', { name: 'Spara mina ändringar ovanpå den nya versionen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Aktivitetens uppgifter är sparade.' })).toBeVisible();
  await expect(row).toContainText(plannedEnd);

  // Both changes are kept: the colleague's note and this user's planned end.
  const fresh = await apiLogin(request, CONSULTANT);
  const now = (await (await request.get(`/api/v1/activities/${activity.id}`, { headers: bearer(fresh) })).json()) as { note: string; planned_end: string; version: number };
  expect(now.note).toBe('Svenska 1 och matematik 1');
  expect(now.planned_end).toBe(plannedEnd);
  expect(now.version).toBe(activity.version + 2);
});
