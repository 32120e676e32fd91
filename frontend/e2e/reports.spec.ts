import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, MANAGER, openSignedIn, shoot } from './helpers';

test('manager reads the programme outcome report, drills down and downloads its CSV', async ({ page }) => {
  test.setTimeout(120_000);
  await openSignedIn(page, '/reports', MANAGER);
  await expect(page.getByRole('heading', { level: 1, name: 'Rapporter' })).toBeVisible();
  await expectNoAxeViolations(page, 'reports index');
  await page.getByRole('link', { name: 'Insatsens resultat' }).click();
  await expect(page.getByText('Välj insats och period för att se rapporten.')).toBeVisible();

  await page.getByLabel('Insats').selectOption({ label: 'Arbetsrehabilitering Steg för steg' });
  await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Datumintervall' });
  const year = new Date().getFullYear();
  await page.getByLabel('Från och med', { exact: true }).fill(`${year - 2}-01-01`);
  await page.getByLabel('Till och med', { exact: true }).fill(`${year}-12-31`);
  await expect(page.getByRole('status').filter({ hasText: `Perioden ${year - 2}-01-01 – ${year}-12-31` })).toBeVisible();
  await expect(page).toHaveURL(/period=/);

  // A distribution is a chart with a table beside it, holding the same figures.
  const gender = page.getByRole('region', { name: 'Kön', exact: true });
  await expect(gender.getByRole('img')).toBeVisible();
  await expect(gender.getByRole('table')).toBeVisible();
  const womenCell = gender.getByRole('row', { name: /Kvinnor/ }).getByRole('cell').first();
  const women = (await womenCell.textContent())?.trim() ?? '';
  await expect(gender.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`Kvinnor ${women}`));
  await expectNoAxeViolations(page, 'programme outcome report');
  await shoot(page, 'report-programme-outcome');

  // Drill-down: the people behind a figure, as links to their pages.
  await page.getByLabel('Visa personerna bakom siffrorna').click();
  await expect(page.getByLabel('Visa personerna bakom siffrorna')).toBeChecked();
  await expect(page).toHaveURL(/drilldown=1/);
  const show = page.getByRole('region', { name: 'Remisser', exact: true }).getByRole('button', { name: /^Visa \d+ person/ }).first();
  await show.click();
  await expect(show).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('region', { name: 'Remisser', exact: true }).getByRole('list').getByRole('link').first()).toBeVisible();
  await expectNoAxeViolations(page, 'report drill-down');

  // CSV: the same report as a file.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Ladda ner CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^programme-outcome-.*\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF'), 'UTF-8 BOM kept for spreadsheet programs').toBe(true);
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain('section;figure;count');
  // The same figure as the table on the page.
  expect(lines.find((l) => /;gender;woman;/.test(l))?.split(';')[3]).toBe(women);
});

test('housing and homelessness reports render from the same page', async ({ page }) => {
  await openSignedIn(page, '/reports/housing', MANAGER);
  await expect(page.getByRole('heading', { level: 1, name: 'Boende' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kön', exact: true })).toBeVisible();
  // The queue by status: a stacked bar with a table of the same figures beside it.
  const byStatus = page.getByRole('region', { name: 'Kön efter status vid periodens slut' });
  const readyCount = (await byStatus.getByRole('row', { name: /^Redo/ }).getByRole('cell').first().textContent())?.trim() ?? '';
  await expect(byStatus.getByRole('img').first()).toHaveAttribute('aria-label', new RegExp(`Redo ${readyCount}`));
  await expect(byStatus.getByRole('table')).toHaveCount(2);
  await expect(byStatus.getByRole('row', { name: /Flyttade in/ })).toBeVisible();
  await expectNoAxeViolations(page, 'housing report');
  await shoot(page, 'report-housing');
  await page.getByRole('main').getByRole('link', { name: 'Rapporter' }).click();
  await page.getByRole('link', { name: 'Hemlöshetskartläggning' }).click();
  await expect(page.getByLabel('Vecka')).toHaveValue(/^\d{4}-W\d{2}$/);
  await expect(page.getByRole('status').filter({ hasText: 'Perioden' })).toBeVisible();
  await expectNoAxeViolations(page, 'homelessness report');
});

for (const r of [
  { key: 'housing-support', title: 'Boendestöd', section: 'Har boendestöd', row: 'Deltagare', csv: /;supported;participants;/, overTime: ['Hembesök', 'januari'] },
  { key: 'housing-search', title: 'Bostadssökarstöd', section: 'Ärenden', row: 'Aktiva', csv: /;cases;active;/, overTime: ['Tillfälligt boende', 'T1'] },
]) {
  test(`the ${r.key} report shows its figures and downloads as CSV`, async ({ page }) => {
    await openSignedIn(page, '/reports', MANAGER);
    await page.getByRole('link', { name: r.title, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: r.title })).toBeVisible();
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Helår' });
    // The year's own figures (the tertial's stay on screen until the year's arrive).
    const year = new Date().getFullYear();
    await expect(page.getByRole('status').filter({ hasText: `Perioden ${year}-01-01 – ${year}-12-31` })).toBeVisible();
    const section = page.getByRole('region', { name: r.section, exact: true });
    const cell = section.getByRole('row', { name: new RegExp(`^${r.row}`) }).getByRole('cell').first();
    await expect(cell).toHaveText(/^\d+$/);
    const shown = (await cell.textContent())?.trim() ?? '';
    // Figures over time: a column chart with a table of the same periods beside it.
    const [overTimeSection, firstPeriod] = r.overTime;
    const overTime = page.getByRole('region', { name: overTimeSection, exact: true });
    await expect(overTime.getByRole('heading', { name: `${overTimeSection}: över tid` })).toBeVisible();
    await expect(overTime.getByRole('img', { name: new RegExp(`över tid.*${firstPeriod}`) })).toBeVisible();
    await expect(overTime.getByRole('table', { name: `${overTimeSection}: över tid` }).getByRole('row', { name: new RegExp(firstPeriod) })).toBeVisible();
    await expectNoAxeViolations(page, `${r.key} report`);
    await shoot(page, `report-${r.key}`);

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Ladda ner CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${r.key}-.*\\.csv$`));
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const line = csv.split(/\r?\n/).find((l) => r.csv.test(l));
    expect(line, 'the figure shown is in the CSV').toBeTruthy();
    expect(line!.split(';')[3]).toBe(shown);
  });
}
