// npm start: build, then launch the desktop app. Where Electron's binary is not
// installed, say so in one sentence and point to browser mode.
import { spawnSync } from 'node:child_process';
import { electronBinaryPath } from './electron-binary.mjs';

const binary = electronBinaryPath();
if (!binary) {
  console.error(
    "Janus Workstation: Electron's binary is not installed on this machine (it could not be downloaded), so the desktop app cannot start; run `npm run web` to use the same workstation in your browser.",
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawnSync(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(app.status ?? 0);
