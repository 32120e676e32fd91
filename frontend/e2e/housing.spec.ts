import { expect, test, type Locator, type Page } from '@playwright/test';
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

/** Presses Tab until `target` has the focus (a date field takes one Tab per part: year, month, day). */
async function tabTo(page: Page, target: Locator, max = 6) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  await expect(target).toBeFocused();
}

test('caseworker opens and closes a housing search case and records and ends a temporary stay', async ({ page, request }) => {
  test.setTimeout(120_000);
  const caseworker = await apiLogin(request);
  const p = await apiCreateParticipant(request, caseworker, { first_name: 'Sixten', last_name: uniqueName('Sök') });
  await openSignedIn(page, `/participants/${p.id}?tab=housing`);
  await expect(page.getByRole('tab', { name: 'Boende' })).toHaveAttribute('aria-selected', 'true');

  // A housing search case: the referring unit is required (checked in the browser first).
  const search = page.getByRole('region', { name: 'Bostadssökarstöd' });
  await expect(search).toContainText('Inga bostadssökarärenden.');
  await search.getByRole('button', { name: 'Öppna bostadssökarärende' }).click();
  await search.getByRole('button', { name: 'Öppna ärendet' }).click();
  await expect(search.getByRole('alert')).toContainText('Skriv vilken enhet som remitterade.');
  await search.getByLabel('Remitterande enhet').fill('Ekonomiskt bistånd');
  await search.getByLabel('Målgrupp').selectOption({ label: 'Ung vuxen' });
  await search.getByRole('button', { name: 'Öppna ärendet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bostadssökarärendet är öppnat.' })).toBeVisible();
  const item = search.getByRole('listitem').filter({ hasText: 'Ekonomiskt bistånd' });
  await expect(item).toContainText('Ung vuxen');
  await expect(item).toContainText('Pågår');
  await expectNoAxeViolations(page, 'housing search case opened');

  // A temporary stay, still going on, then ended.
  const stays = page.getByRole('region', { name: 'Tillfälligt boende', exact: true });
  await stays.getByRole('button', { name: 'Registrera tillfälligt boende' }).click();
  await stays.getByLabel('Typ').selectOption({ label: 'Hotell eller vandrarhem' });
  await stays.getByLabel('Boende (frivilligt)').fill('Vandrarhemmet Sjöstjärnan');
  // Days as the browser counts them, in Stockholm's time zone (playwright.config.ts): between
  // 23:00 and 24:00 UTC its today is already tomorrow in UTC.
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 3);
  const threeDaysAgo = d.toISOString().slice(0, 10);
  await stays.getByLabel('Första natten').fill(threeDaysAgo);
  await stays.getByLabel('Kostnad per natt (kr)').fill('-1');
  await stays.getByRole('button', { name: 'Spara vistelsen' }).click();
  await expect(stays.getByRole('alert')).toContainText('Ange kostnaden per natt');
  await stays.getByLabel('Kostnad per natt (kr)').fill('600');
  await stays.getByRole('button', { name: 'Spara vistelsen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vistelsen är registrerad.' })).toBeVisible();
  const row = stays.getByRole('row', { name: /Sjöstjärnan/ });
  await expect(row).toContainText('Pågår');
  await expect(row).toContainText('600 kr/natt');
  await expectNoAxeViolations(page, 'temporary stay recorded');
  // Ended by keyboard alone: the form's field takes the focus, today is the default day of leaving.
  await row.getByRole('button', { name: /^Avsluta vistelsen/ }).focus();
  await page.keyboard.press('Enter');
  await expect(row.getByLabel('Flyttade ut')).toBeFocused();
  await expect(row.getByLabel('Flyttade ut')).toHaveValue(today);
  await tabTo(page, row.getByRole('button', { name: 'Avsluta', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Vistelsen är avslutad.' })).toBeVisible();
  await expect(row).toContainText('Avslutad');
  await expect(row.getByRole('cell').nth(2)).toHaveText('3'); // three nights
  await expect(row).toContainText(/1\s800 kr/);
  await expect(row.getByRole('button', { name: /^Avsluta vistelsen/ })).toHaveCount(0);

  // Close the search case with its outcome.
  // Closed by keyboard alone: the outcome takes the focus; the next option is a second-hand lease.
  await item.getByRole('button', { name: /^Avsluta ärendet/ }).focus();
  await page.keyboard.press('Enter');
  const outcome = item.getByLabel('Utfall', { exact: true });
  await expect(outcome).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(outcome).toHaveValue('second_hand_lease');
  await tabTo(page, item.getByRole('button', { name: 'Avsluta med utfallet' })); // past the date (today)
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Bostadssökarärendet är avslutat.' })).toBeVisible();
  await expect(item).toContainText('Avslutat');
  await expect(item).toContainText('Andrahandskontrakt');
  await expect(item.getByRole('button', { name: /^Avsluta ärendet/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'participant housing search and stays');
  await shoot(page, 'participant-housing-search-stays');

  // The case-records tab lists them too.
  await page.getByRole('tab', { name: /Samtycken/ }).click();
  await expect(page.getByRole('region', { name: 'Bostadssökande' })).toContainText('Ekonomiskt bistånd');
});
