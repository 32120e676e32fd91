import { expect, test } from '@playwright/test';
import { ensureParticipants, openSignedIn, sv } from './helpers';

test('a 50-row participant list renders quickly', async ({ page, request }) => {
  await ensureParticipants(request, 50);
  await openSignedIn(page, '/participants/new');
  const rows = page.getByRole('table').locator('tbody tr');

  // Client-side navigation (the usual case): from the form to the list with 50 rows.
  await page.getByRole('link', { name: sv.participants, exact: true }).first().waitFor();
  const t0 = performance.now();
  await page.evaluate(() => {
    window.history.pushState({}, '', '/participants?limit=50');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(rows).toHaveCount(50);
  const inApp = performance.now() - t0;

  // A full page load of the same list (HTML, JS chunks, API call, render).
  const t1 = performance.now();
  await page.goto('/participants?limit=50&sort=-created_at');
  await expect(rows).toHaveCount(50);
  const fullLoad = performance.now() - t1;

  console.log(`[perf] 50-row participant list: in-app navigation ${inApp.toFixed(0)} ms, full page load ${fullLoad.toFixed(0)} ms`);
  test.info().annotations.push({ type: 'perf', description: `in-app ${inApp.toFixed(0)} ms, full load ${fullLoad.toFixed(0)} ms` });
  expect(inApp).toBeLessThan(5_000);
  expect(fullLoad).toBeLessThan(10_000);
});
