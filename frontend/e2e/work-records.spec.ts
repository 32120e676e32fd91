import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiCreateParticipant, apiLogin, bearer, expectNoAxeViolations, openSignedIn, shoot, uniqueName } from './helpers';

type Auth = Awaited<ReturnType<typeof apiLogin>>;
const CONSULTANT = 'maria.arbetskonsulent';

const daysAgo = (n: number) => {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function post<T>(request: APIRequestContext, auth: Auth, url: string, data: unknown): Promise<T> {
  const res = await request.post(url, { headers: bearer(auth), data });
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

test('the work tab shows the main activity and records a study visit and a hand-over', async ({ page, request }) => {
  test.setTimeout(120_000);
  const caseworker = await apiLogin(request);
  const consultant = await apiLogin(request, CONSULTANT);
  const lastName = uniqueName('Arbete');
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Elis', last_name: lastName });
  const programmes = (await (await request.get('/api/v1/programmes?limit=500', { headers: bearer(caseworker) })).json()) as {
    items: { id: string; unit_id: string; start_date: string; end_date: string | null; name: string }[];
  };
  const programme = programmes.items.find((x) => caseworker.staff.units.some((u) => u.id === x.unit_id) && x.start_date <= daysAgo(40) && !x.end_date);
  expect(programme, "an open programme in the caseworker's unit").toBeTruthy();
  const enrolment = await post<{ id: string }>(request, caseworker, '/api/v1/enrolments', { participant_id: p.id, programme_id: programme!.id, start_date: daysAgo(30) });
  const activity = await post<{ id: string; version: number }>(request, caseworker, '/api/v1/activities', {
    enrolment_id: enrolment.id,
    kind: 'preparatory',
    provider_name: 'Nätverket',
    start_date: daysAgo(20),
  });
  const started = await request.post(`/api/v1/activities/${activity.id}/start`, { headers: bearer(caseworker), data: { version: activity.version, started_on: daysAgo(20) } });
  expect(started.status(), await started.text()).toBe(200);
  const employerName = uniqueName('Studiebesöksbolaget ');
  await post(request, consultant, '/api/v1/employers', { name: employerName, sector: 'private' });

  await openSignedIn(page, `/participants/${p.id}?tab=work`, CONSULTANT);
  const main = page.getByRole('region', { name: 'Huvudsaklig sysselsättning' });
  await expect(main.getByTestId('main-activity')).toContainText('Förberedande insats');
  await expect(main).toContainText(/Förberedande insats: \d+ dagar/);

  // A booked study visit (in the future is allowed).
  const visits = page.getByRole('region', { name: 'Studiebesök' });
  await visits.getByRole('button', { name: 'Nytt studiebesök' }).click();
  await visits.getByRole('button', { name: 'Spara studiebesöket' }).click();
  await expect(visits.getByLabel(/^Arbetsgivare/)).toHaveAttribute('aria-invalid', 'true');
  await visits.getByLabel(/^Arbetsgivare/).selectOption({ label: employerName });
  await visits.getByLabel(/^Datum/).fill('2099-01-15');
  await visits.getByLabel('Anteckning').fill('Träffa handledaren på lagret');
  await expectNoAxeViolations(page, 'study visit form');
  await visits.getByRole('button', { name: 'Spara studiebesöket' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Studiebesöket är registrerat' })).toBeVisible();

  // A hand-over to "other" needs a note (the server says so, next to the field).
  const handovers = page.getByRole('region', { name: 'Överlämningar' });
  await handovers.getByRole('button', { name: 'Ny överlämning' }).click();
  await handovers.getByLabel('Fortsätter hos').selectOption('other');
  await handovers.getByRole('button', { name: 'Spara överlämningen' }).click();
  await expect(handovers.getByLabel(/^Anteckning/)).toHaveAttribute('aria-invalid', 'true');
  await handovers.getByLabel(/^Anteckning/).fill('Fortsätter på folkhögskola');
  await handovers.getByLabel('Avslutar insatsen').selectOption({ index: 1 });
  await expectNoAxeViolations(page, 'hand-over form with an error');
  await handovers.getByRole('button', { name: 'Spara överlämningen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Överlämningen är registrerad' })).toBeVisible();

  await page.reload();
  await expect(visits.getByTestId('study-visit-item')).toContainText(employerName);
  await expect(visits.getByTestId('study-visit-item')).toContainText('Träffa handledaren på lagret');
  await expect(handovers.getByTestId('handover-item')).toContainText('Fortsätter på folkhögskola');
  await expect(handovers.getByTestId('handover-item')).toContainText(programme!.name);
  // Details are read from GET /handovers/{id} and GET /study-visits/{id} when opened.
  await handovers.getByRole('button', { name: /^Visa detaljer/ }).click();
  await expect(handovers.getByTestId('handover-details')).toContainText('Registrerad av Maria Arbetskonsulent');
  await expect(handovers.getByRole('button', { name: /^Dölj detaljer/ })).toHaveAttribute('aria-expanded', 'true');
  await visits.getByRole('button', { name: /^Visa detaljer/ }).click();
  await expect(visits.getByTestId('study-visit-details')).toContainText('Registrerad av Maria Arbetskonsulent');
  await expectNoAxeViolations(page, 'participant work tab');
  await shoot(page, 'participant-work-records');

  // The employer's page lists the visit too.
  await visits.getByRole('link', { name: employerName }).click();
  await expect(page.getByRole('heading', { level: 1, name: employerName })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Studiebesök' }).getByTestId('employer-study-visit')).toContainText(`Elis ${lastName}`);
  await expectNoAxeViolations(page, 'employer page with study visits');

  // Read-only staff see them without the buttons.
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await openSignedIn(page, `/participants/${p.id}?tab=work`, 'lisa.lasbehorig');
  await expect(page.getByRole('region', { name: 'Överlämningar' })).toContainText('Fortsätter på folkhögskola');
  await expect(page.getByRole('button', { name: 'Ny överlämning' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Nytt studiebesök' })).toHaveCount(0);
});
