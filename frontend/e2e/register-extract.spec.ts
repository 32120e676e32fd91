import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, expectNoAxeViolations, MANAGER, openSignedIn, uniqueName } from './helpers';

test('a manager saves the register extract as HTML and JSON; a caseworker is not offered it', async ({ page, request }) => {
  test.setTimeout(90_000);
  // Registered by the caseworker, in her unit (the manager leads it too).
  const auth = await apiLogin(request);
  const lastName = uniqueName('Utdrag');
  const p = await apiCreateParticipant(request, auth, { first_name: 'Rita', last_name: lastName });

  await openSignedIn(page, `/participants/${p.id}`, MANAGER);
  await expect(page.getByRole('heading', { level: 1, name: `Rita ${lastName}` })).toBeVisible();
  await page.getByRole('button', { name: 'Registerutdrag' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Registerutdrag' })).toBeVisible();
  await expectNoAxeViolations(page, 'register extract');

  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /läsbart dokument/ }).click(),
  ]);
  expect(html.suggestedFilename()).toBe(`registerutdrag-${p.id}.html`);
  const htmlText = await readFile((await html.path())!, 'utf8');
  expect(htmlText).toContain(lastName);
  await expect(page.getByRole('status').filter({ hasText: 'Registerutdraget har sparats' })).toBeVisible();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Spara utdraget som JSON' }).click()]);
  expect(json.suggestedFilename()).toBe(`registerutdrag-${p.id}.json`);
  const extract = JSON.parse(await readFile((await json.path())!, 'utf8')) as Record<string, unknown>;
  expect(JSON.stringify(extract)).toContain(lastName);

  // The caseworker of the same unit is not offered the extract (only managers and admins make it).
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await openSignedIn(page, `/participants/${p.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Rita ${lastName}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registerutdrag' })).toHaveCount(0);
});
