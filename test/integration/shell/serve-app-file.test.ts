import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appFileServer } from '../../../electron/shell/serve-app-file';

const base = mkdtempSync(join(tmpdir(), 'janus-app-'));
const rendererDir = join(base, 'out', 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Janus Workstation</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("janus");');
// A file beside the renderer, as the rest of the app (and the disk) is: never served.
writeFileSync(join(base, 'out', 'secret.txt'), 'not for the page');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const logs: string[] = [];
const serve = appFileServer({ rendererDir, csp: "default-src 'none'; script-src 'self'", log: (level, message) => logs.push(`${level}: ${message}`) });

describe('app:// file server', () => {
  it('serves the page and its assets with their MIME types and the CSP', async () => {
    const page = await serve('app://janus/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; script-src 'self'");
    expect(await page.text()).toBe('<!doctype html><title>Janus Workstation</title>');
    const script = await serve('app://janus/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("janus");');
  });

  it('answers 404 to traversal, absolute paths, directories and missing files, and logs why', async () => {
    for (const url of ['app://janus/../secret.txt', 'app://janus/%2e%2e/secret.txt', 'app://janus/..%2fsecret.txt', `app://janus/${join(base, 'out', 'secret.txt')}`, 'app://janus/assets', 'app://janus/missing.js']) {
      const answer = await serve(url);
      expect(answer.status, url).toBe(404);
      expect(await answer.text()).toBe('Not found.\n');
    }
    expect(logs).toContain('warn: app:// refused app://janus/../secret.txt: the path climbs out of the app');
    expect(logs).toContain('warn: app:// refused app://janus/missing.js: no such file');
    expect(logs).toContain('warn: app:// refused app://janus/assets: not a file');
  });
});
