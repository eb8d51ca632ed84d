import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, resolveAppRequest } from '../../../electron/shell/app-protocol';

const root = resolve('/opt/Janus Workstation/resources/app.asar/out/renderer');

describe('app:// protocol paths', () => {
  it('serves the renderer files with their MIME types', () => {
    expect(resolveAppRequest(root, APP_INDEX_URL)).toEqual({ ok: true, file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppRequest(root, 'app://janus/')).toEqual({ ok: true, file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppRequest(root, 'app://janus/assets/index-abc.js?v=1#x')).toEqual({ ok: true, file: join(root, 'assets', 'index-abc.js'), contentType: 'text/javascript; charset=utf-8' });
    expect(resolveAppRequest(root, 'app://janus/assets/app.css')).toMatchObject({ ok: true, contentType: 'text/css; charset=utf-8' });
    expect(resolveAppRequest(root, 'app://janus/assets/font%20one.woff2')).toEqual({ ok: true, file: join(root, 'assets', 'font one.woff2'), contentType: 'font/woff2' });
  });

  it('refuses traversal, plain or encoded, with 404', () => {
    for (const url of [
      'app://janus/../../etc/passwd',
      'app://janus/assets/../../../etc/passwd',
      'app://janus/%2e%2e/%2e%2e/etc/passwd',
      'app://janus/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      'app://janus/assets/..%2f..%2f..%2fetc/passwd',
      'app://janus/..\\..\\etc\\passwd',
      'app://janus/./index.html',
    ]) {
      expect(resolveAppRequest(root, url), url).toEqual({ ok: false, status: 404, reason: 'the path climbs out of the app' });
    }
  });

  it('refuses absolute paths, other hosts and schemes, dot-files and undecodable paths with 404', () => {
    expect(resolveAppRequest(root, 'app://janus//etc/passwd')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppRequest(root, 'app://janus/%2Fetc%2Fpasswd')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppRequest(root, 'app://janus/C:%5CWindows%5Cwin.ini')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppRequest(root, 'app://other/index.html')).toEqual({ ok: false, status: 404, reason: 'not an app://janus URL' });
    expect(resolveAppRequest(root, 'file:///etc/passwd')).toEqual({ ok: false, status: 404, reason: 'not an app://janus URL' });
    expect(resolveAppRequest(root, 'app://janus/.env')).toEqual({ ok: false, status: 404, reason: 'not a file of the app' });
    expect(resolveAppRequest(root, 'app://janus/%E0%A4%A')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppRequest(root, 'app://janus/a%00.js')).toEqual({ ok: false, status: 404, reason: 'not a file of the app' });
  });
});
