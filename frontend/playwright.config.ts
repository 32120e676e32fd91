import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// E2E tests run against the REAL server binary (no mocks) with fictional demo data (--demo),
// a fresh data directory per run, serving the built SPA from ./dist (run `npm run build` first).
const port = Number(process.env.STEGVIS_E2E_PORT ?? 18_080);
const baseURL = `http://127.0.0.1:${port}`;
// Workers inherit the environment, so the directory is made once, by the runner.
process.env.STEGVIS_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'stegvis-e2e-'));
process.env.STEGVIS_ADMIN_PASSWORD ??= 'e2e-admin-password-not-secret';
// Short-lived access tokens, so the tests exercise token renewal against the real server.
process.env.STEGVIS_E2E_ACCESS_TOKEN_TTL ??= '10';
const bin = resolve(process.env.STEGVIS_BIN ?? '../target/debug/stegvis');

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1, // one server, one database, 2 cores
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
  webServer: {
    command: `"${bin}" --demo`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      STEGVIS_BIND: `127.0.0.1:${port}`,
      STEGVIS_DATA_DIR: process.env.STEGVIS_E2E_DATA_DIR,
      STEGVIS_ADMIN_PASSWORD: process.env.STEGVIS_ADMIN_PASSWORD,
      STEGVIS_FRONTEND_DIR: resolve('./dist'),
      STEGVIS_ACCESS_TOKEN_TTL: process.env.STEGVIS_E2E_ACCESS_TOKEN_TTL,
      // Closed cases are due for retention (gallring) at once, so e2e/retention.spec.ts has candidates.
      STEGVIS_RETENTION_YEARS: process.env.STEGVIS_E2E_RETENTION_YEARS ?? '0',
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
    },
  },
});
