// Playwright `_electron` tests of the desktop app. Run where Electron's binary
// is installed: `npx playwright test -c test/electron` (under xvfb when there is
// no display; the checks start Xvfb themselves). Elsewhere every test is
// skipped with the reason; vitest reports the same checks via
// test/integration/electron-app.test.ts.
import { expect, test } from '@playwright/test';
import {
  buildOnce,
  ELECTRON_CHECK_NAMES,
  ELECTRON_CHECKS,
  electronAvailability,
  launchJanus,
  removeDataDir,
  type LaunchedApp,
} from './electron-checks';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let launched: LaunchedApp | null = null;

test.beforeAll(async () => {
  const availability = await electronAvailability();
  if ('reason' in availability) process.stderr.write(`test/electron: not run: ${availability.reason}\n`);
  test.skip('reason' in availability, 'reason' in availability ? availability.reason : '');
  if (!('binary' in availability)) return;
  buildOnce();
  launched = await launchJanus(availability.binary);
});

test.afterAll(async () => {
  if (!launched) return;
  await launched.close();
  removeDataDir(launched.dataDir);
});

for (const name of ELECTRON_CHECK_NAMES) {
  test(name, async () => {
    expect(launched, 'the app did not launch').not.toBeNull();
    await ELECTRON_CHECKS[name]!(launched!);
  });
}
