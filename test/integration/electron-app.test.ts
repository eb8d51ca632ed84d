// The desktop app under Playwright `_electron`, from vitest. Where Electron's
// binary is not installed these checks are listed as skipped, each naming the
// reason, and the reason is printed once to stderr: never a silent pass.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { acquireBuildLock } from '../electron/build-lock';
import {
  buildOnce,
  repoRoot,
  ELECTRON_CHECK_NAMES,
  ELECTRON_CHECKS,
  electronAvailability,
  launchJanus,
  removeDataDir,
  type LaunchedApp,
} from '../electron/electron-checks';

const availability = await electronAvailability();

describe('Electron app (Playwright _electron)', () => {
  if ('reason' in availability) {
    process.stderr.write(`electron-app: ${ELECTRON_CHECK_NAMES.length} Electron checks not run: ${availability.reason}\n`);
    for (const name of ELECTRON_CHECK_NAMES) it.skip(`${name} — not run: ${availability.reason}`, () => {});
    return;
  }
  const binary = availability.binary;
  let launched: LaunchedApp | null = null;
  let release: (() => void) | null = null;

  beforeAll(async () => {
    // Held until the app is closed: the packaging test rebuilds out/ too.
    release = await acquireBuildLock(repoRoot);
    buildOnce();
    launched = await launchJanus(binary);
  }, 480_000);

  afterAll(async () => {
    try {
      if (launched) {
        await launched.close();
        removeDataDir(launched.dataDir);
      }
    } finally {
      release?.();
    }
  });

  for (const name of ELECTRON_CHECK_NAMES) {
    it(name, async () => {
      if (!launched) throw new Error('the app did not launch');
      await ELECTRON_CHECKS[name]!(launched);
    }, 60_000);
  }
});
