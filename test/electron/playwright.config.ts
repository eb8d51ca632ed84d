// `npx playwright test -c test/electron`: the desktop app under Playwright
// `_electron` (needs Electron's binary; skipped with the reason otherwise).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 120_000,
  reporter: [['list']],
});
