import { rmSync } from 'node:fs';

/** Removes the run's temporary data directory (made in playwright.config.ts). */
export default function globalTeardown() {
  const dir = process.env.STEGVIS_E2E_DATA_DIR;
  if (dir && dir.includes('stegvis-e2e-')) rmSync(dir, { recursive: true, force: true });
}
