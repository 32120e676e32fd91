import { expect, test } from '@playwright/test';
import { apiLogin, bearer, CASEWORKER, expectNoAxeViolations, openSignedIn, randomPersonnummer, shoot, uniqueName } from './helpers';

const HEADER = 'external_id;personal_identity_number;first_name;last_name;gender;unit_id;housing_situation;main_substance;income_source;city';

function csvFile(name: string, lines: string[]) {
  // As Swedish Excel saves it: a byte-order mark, semicolons, CRLF.
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8') };
}

test('an import with a bad row is refused line by line, then a good file is imported', async ({ page, request }) => {
  test.setTimeout(120_000);
  const auth = await apiLogin(request, CASEWORKER);
  const unit = auth.staff.units[0].id;
  const lastName = uniqueName('Importsson');
  const good = randomPersonnummer().long;
  // The same personnummer with its check digit changed: invalid.
  const bad = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
  const key = uniqueName('E2E-');
  const rowA = `${key}-1;${good};Testa;${lastName};woman;${unit};shelter;alcohol;financial_assistance;Stockholm`;
  const rowB = (pnr: string) => `${key}-2;${pnr};Prova;"${lastName}; den yngre";man;${unit};staying_with_friends;none;salary;Uppsala`;

  await openSignedIn(page, '/', CASEWORKER);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expect(page.getByLabel('Vad', { exact: true })).toHaveValue('participants');
  await expectNoAxeViolations(page, 'import page');

  // A file with a bad row on line 3: the check lists the line and the field, nothing is written.
  await page.getByLabel('Fil', { exact: true }).setInputFiles(csvFile('deltagare-fel.csv', [rowA, rowB(bad)]));
  await page.getByRole('button', { name: 'Kontrollera' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '1 fel i filen (på 1 rad).' })).toBeVisible();
  const report = page.getByRole('table', { name: 'Fel i filen, rad för rad' });
  await expect(report.getByRole('row')).toHaveCount(2);
  const errorRow = report.getByRole('row').nth(1);
  await expect(errorRow.getByRole('rowheader')).toHaveText('3');
  await expect(errorRow.getByRole('cell').first()).toHaveText('personal_identity_number');
  // The report is reachable from the keyboard (it scrolls when long).
  await page.getByRole('region', { name: 'Fel i filen, rad för rad' }).focus();
  await expect(page.getByRole('region', { name: 'Fel i filen, rad för rad' })).toBeFocused();
  await expectNoAxeViolations(page, 'import validation report');
  await shoot(page, 'import-invalid');

  // Importing the same file is refused the same way: all or nothing.
  await page.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Ingenting har importerats.' })).toBeVisible();
  // A fresh token: the e2e server's access tokens live ten seconds.
  const none = await request.get(`/api/v1/participants?q=${encodeURIComponent(lastName)}`, { headers: bearer(await apiLogin(request, CASEWORKER)) });
  expect(none.status()).toBe(200);
  expect(((await none.json()) as { total: number }).total, 'nothing imported from the bad file').toBe(0);

  // The corrected file: the check passes, then the import writes both rows and shows the counts.
  await page.getByLabel('Fil', { exact: true }).setInputFiles(csvFile('deltagare.csv', [rowA, rowB('')]));
  await expect(page.getByRole('table', { name: 'Fel i filen, rad för rad' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Kontrollera' }).click();
  await expect(page.getByText('Filen är giltig: alla 2 rader kontrollerade. Inget har sparats.')).toBeVisible();
  await page.getByRole('button', { name: 'Importera' }).click();
  const result = page.locator('.alert--success').filter({ hasText: 'Importen är klar: 2 rader inlästa.' });
  await expect(result).toBeVisible();
  await expect(result.getByRole('definition').nth(0)).toHaveText('2'); // Nya
  await expect(result.getByRole('definition').nth(1)).toHaveText('0'); // Uppdaterade
  await expect(result.getByRole('definition').nth(2)).toHaveText('0'); // Oförändrade

  // The earlier jobs: the import, the clean check and the refused ones, newest first.
  const jobs = page.getByRole('table', { name: 'Dina tidigare importer' });
  await expect(jobs.getByRole('row').nth(1)).toContainText('Klar');
  await expect(jobs.getByRole('row').nth(2)).toContainText('Giltig');
  await expect(jobs.getByRole('row').nth(3)).toContainText('Misslyckad');
  await expectNoAxeViolations(page, 'import done');
  await shoot(page, 'import-done');

  // An earlier refused job, read from GET /imports/{id}: its row errors.
  await jobs.getByRole('row').nth(3).getByRole('button', { name: /^Visa/ }).click();
  const detail = page.getByRole('region', { name: /^Deltagare, / });
  await expect(detail.getByRole('heading', { name: /^Deltagare, / })).toBeFocused();
  await expect(detail.getByRole('table', { name: 'Fel i filen, rad för rad' }).getByRole('row').nth(1).getByRole('rowheader')).toHaveText('3');
  await expectNoAxeViolations(page, 'import job detail');
  await shoot(page, 'import-job-detail');
  await detail.getByRole('button', { name: 'Stäng' }).click();
  await expect(jobs.getByRole('row').nth(3).getByRole('button', { name: /^Visa/ })).toBeFocused();

  // The participants are in the list.
  await result.getByRole('link', { name: 'Till listan (Deltagare)' }).click();
  await page.getByLabel('Sök').fill(lastName);
  await expect(page).toHaveURL(new RegExp(`q=${lastName}`));
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('table')).toContainText(good);
});

test('a work consultant imports employers through the page and finds them in the register', async ({ page }) => {
  test.setTimeout(120_000);
  const key = uniqueName('AG-E2E-');
  const name = uniqueName('Importlager AB ');
  const file = {
    name: 'arbetsgivare.csv',
    mimeType: 'text/csv',
    // No organisation number: it is unique, and this test may run again on the same database.
    buffer: Buffer.from(
      `\uFEFF${['external_id;name;sector;contact_person;work_kinds', `${key}-1;${name};private;Kim Exempel;lager, truck`, `${key}-2;${name} Kök;non_profit;;kök`].join('\r\n')}\r\n`,
      'utf8',
    ),
  };

  await openSignedIn(page, '/', 'maria.arbetskonsulent');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Import' }).click();
  const what = page.getByLabel('Vad', { exact: true });
  // A work consultant is offered what she may import, not participants.
  await expect(what.getByRole('option')).toHaveText(['Arbetsgivare', 'Kontakter', 'Aktiviteter', 'Inskrivningar']);
  // Chosen from the keyboard.
  await what.focus();
  await what.selectOption('employers');
  await expect(what).toHaveValue('employers');
  await expect(page.getByText('external_id;name;organisation_number;sector;contact_person;work_kinds')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Exportera Arbetsgivare (CSV)' })).toBeVisible();
  await expectNoAxeViolations(page, 'import page, employers');

  await page.getByLabel('Fil', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Importera' }).click();
  const result = page.locator('.alert--success').filter({ hasText: 'Importen är klar: 2 rader inlästa.' });
  await expect(result).toBeVisible();
  await expect(result.getByRole('definition').nth(0)).toHaveText('2'); // Nya

  await result.getByRole('link', { name: 'Till listan (Arbetsgivare)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Arbetsgivare' })).toBeVisible();
  await page.getByLabel('Sök på namn eller organisationsnummer').fill(name);
  await page.getByLabel('Sök på namn eller organisationsnummer').press('Enter');
  await expect(page.getByText(`${name} Kök`)).toBeVisible();
  await expect(page.getByText(name, { exact: true })).toBeVisible();
});

test('roles that may not import are not offered the page', async ({ page }) => {
  await openSignedIn(page, '/', 'lisa.lasbehorig');
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Min dag' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Import' })).toHaveCount(0);
  await page.goto('/import');
  await expect(page.getByText('Din roll får inte importera något.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importera' })).toHaveCount(0);
  // Reading roles may still export.
  await page.getByLabel('Vad', { exact: true }).selectOption('referrals');
  await expect(page.getByRole('button', { name: 'Exportera Remisser (CSV)' })).toBeVisible();
});
