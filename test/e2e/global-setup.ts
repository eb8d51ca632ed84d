// The end-to-end tests drive the built UI; say so plainly when it is missing
// instead of failing every test with a blank page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function globalSetup(): void {
  const index = join(process.cwd(), 'out', 'renderer', 'index.html');
  if (!existsSync(index)) {
    throw new Error(`the renderer is not built (${index} is missing): run \`npx vite build\` before \`npx playwright test\``);
  }
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('Chromium is not installed at /usr/bin/chromium (Debian package "chromium")');
  }
}
