import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, bearer, COORDINATOR, expectNoAxeViolations, MANAGER, openSignedIn, shoot, uniqueName } from './helpers';

test('coordinator draws from the queue reproducibly and moves a participant in', async ({ page, request }) => {
  test.setTimeout(180_000);
  // Setup over the API: a participant in the queue, and a free training apartment.
  const caseworker = await apiLogin(request);
  const coordinator = await apiLogin(request, COORDINATOR);
  const lastName = uniqueName('Kö');
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Mio', last_name: lastName });
  const unitId = coordinator.staff.units[0].id;
  const q = await request.post('/api/v1/queue-entries', { headers: bearer(coordinator), data: { participant_id: p.id, wish: 'training_apartment', ready: true } });
  expect(q.status(), await q.text()).toBe(201);
  const address = `Provgatan ${Math.floor(Math.random() * 900) + 10}, lgh ${uniqueName('')}`;
  const a = await request.post('/api/v1/apartments', { headers: bearer(coordinator), data: { unit_id: unitId, address, kind: 'training_apartment' } });
  expect(a.status(), await a.text()).toBe(201);

  await openSignedIn(page, '/housing/queue', COORDINATOR);
  await expect(page.getByText('Väntar och redo')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(lastName) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Träningslägenhet');
  await expectNoAxeViolations(page, 'queue');
  await shoot(page, 'housing-queue');

  // Draw twice with the same seed: the same people in the same order.
  const draw = async () => {
    await page.getByLabel('Antal att lotta').fill('3');
    await page.getByLabel('Frö (frivilligt)').fill('20081031');
    await page.getByRole('button', { name: 'Lotta', exact: true }).click();
    await expect(page).toHaveURL(/\/housing\/draws\//);
    await expect(page.getByTestId('draw-seed')).toHaveText('20081031');
    return page.getByRole('region', { name: 'Lottade' }).getByRole('listitem').allTextContents();
  };
  const first = await draw();
  expect(first).toHaveLength(3);
  await expectNoAxeViolations(page, 'draw result');
  await shoot(page, 'housing-draw');
  await page.getByRole('link', { name: 'Kö och lottning' }).first().click();
  const second = await draw();
  expect(second).toEqual(first);

  // Bad seed is reported on the field.
  await page.getByRole('link', { name: 'Kö och lottning' }).first().click();
  await page.getByLabel('Frö (frivilligt)').fill('-3');
  await page.getByRole('button', { name: 'Lotta', exact: true }).click();
  await expect(page.getByLabel('Frö (frivilligt)')).toHaveAttribute('aria-invalid', 'true');

  // Notify, then move in.
  await row.getByRole('button', { name: `Avisera: Mio ${lastName}` }).click();
  await page.getByRole('button', { name: 'Bekräfta avisering' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deltagaren har aviserats' })).toBeVisible();
  await row.getByRole('button', { name: `Flytta in: Mio ${lastName}` }).click();
  await page.getByLabel('Lägenhet').selectOption({ label: `${address} (Träningslägenhet)` });
  await expectNoAxeViolations(page, 'queue move-in form');
  await page.getByRole('button', { name: 'Bekräfta inflyttning' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Inflyttningen är registrerad' })).toBeVisible();

  // The board shows the resident; the participant's housing tab shows the tenancy and ladder.
  await page.getByRole('link', { name: 'Lägenheter' }).click();
  const cell = page.getByRole('listitem').filter({ hasText: address });
  await expect(cell).toContainText(`Mio ${lastName}`);
  await expectNoAxeViolations(page, 'occupancy board');
  await shoot(page, 'housing-board');
  await cell.getByRole('link', { name: `Mio ${lastName}` }).click();
  await expect(page.getByRole('tab', { name: 'Boende' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Boende i lägenhet' })).toContainText(address);
  await expect(page.getByRole('region', { name: 'Boendetrappan' })).toContainText('Träningslägenhet');

  // A risk event.
  await page.getByRole('button', { name: 'Registrera riskhändelse' }).click();
  await page.getByLabel('Typ', { exact: true }).selectOption('unpaid_rent');
  await page.getByRole('button', { name: 'Spara riskhändelsen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Riskhändelsen är registrerad' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Riskhändelser' })).toContainText('Obetald hyra');
  await expectNoAxeViolations(page, 'participant housing tab');
  await shoot(page, 'participant-housing');
});

test('manager sees housing-support caseloads with limits', async ({ page }) => {
  await openSignedIn(page, '/housing/support', MANAGER);
  await expect(page.getByRole('row', { name: /Johan Boendestödjare/ })).toBeVisible();
  await expectNoAxeViolations(page, 'support caseloads');
  await shoot(page, 'housing-support');
});

test('Min dag shows the caseload and the due list', async ({ page }) => {
  await openSignedIn(page, '/', 'johan.boendestod');
  await expect(page.getByRole('heading', { level: 1, name: 'Min dag' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Att göra' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Min ärendemängd' })).toBeVisible();
  await expectNoAxeViolations(page, 'my day');
  await shoot(page, 'my-day');
});
