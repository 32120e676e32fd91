import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login, MANAGER, openSignedIn, shoot, uniqueName } from './helpers';

const ADMIN_PASSWORD = process.env.STEGVIS_ADMIN_PASSWORD ?? 'e2e-admin-password-not-secret';

test('admin creates a unit and an account, edits the account, and reads the audit log', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/admin/units');
  await login(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Enheter' })).toBeVisible();
  const unit = uniqueName('Enhet ');
  await page.getByRole('textbox', { name: /^Namn/ }).fill(unit);
  await page.getByLabel('Beskrivning').fill('Testenhet');
  await page.getByRole('button', { name: 'Skapa enhet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enheten är skapad' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(unit) })).toBeVisible();
  await expectNoAxeViolations(page, 'units');

  await page.getByRole('link', { name: 'Konton' }).click();
  await page.getByRole('button', { name: 'Nytt konto' }).click();
  const username = uniqueName('test.').toLowerCase();
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByRole('textbox', { name: /^Namn/ }).fill('Testa Kontosson');
  await page.getByLabel('Lösenord').fill('kort');
  await page.getByLabel('Roll').selectOption({ label: 'Arbetskonsulent' });
  await page.getByLabel(unit).check();
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  // Too short a password is refused by the server and shown on its field.
  await expect(page.getByLabel('Lösenord')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'new account with error');
  await page.getByLabel('Lösenord').fill('ett-langre-losenord');
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kontot är skapat' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText('Arbetskonsulent');
  await expect(row).toContainText(unit);
  await shoot(page, 'admin-staff');

  await row.getByRole('button', { name: 'Ändra Testa Kontosson' }).click();
  await page.getByLabel('Aktivt konto').uncheck();
  await page.getByRole('button', { name: 'Spara ändringar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kontot är sparat' })).toBeVisible();
  await expect(row).toContainText('Inaktiverat');
  await expectNoAxeViolations(page, 'accounts');

  await page.getByRole('link', { name: 'Logg' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logg' })).toBeVisible();
  await page.getByLabel('Typ av uppgift').fill('staff');
  await page.getByRole('button', { name: 'Visa' }).click();
  await expect(page).toHaveURL(/type=staff/);
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('staff');
  await expectNoAxeViolations(page, 'audit log');
  await shoot(page, 'admin-audit');
});

test('a manager reaches the audit log but not account administration', async ({ page }) => {
  // Reading a participant's page is audited; the manager then finds that read in the log.
  await openSignedIn(page, '/participants', MANAGER);
  await page.getByRole('table').locator('tbody tr').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/participants\/[0-9a-f-]+/);
  const participantId = page.url().split('/participants/')[1].split('?')[0];
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logg' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Konton' })).toHaveCount(0);
  await page.getByLabel('Deltagare (id)').fill(participantId);
  await page.getByRole('button', { name: 'Visa' }).click();
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Erik Enhetschef');
});
