// The decisions `npm start` and `npm run web` make before anything runs, with
// the exact sentences a user reads.
import { describe, expect, it } from 'vitest';
import {
  browserCommand,
  buildDecision,
  desktopDecision,
  installerReason,
  nodeAtLeast,
  startupUrl,
} from '../../../scripts/first-run.mjs';

describe('desktopDecision', () => {
  const base = { binaryPresent: false, skipDownload: false, nodeVersion: 'v22.12.0' };

  it('launches when the binary is present, whatever else is true', () => {
    expect(desktopDecision({ ...base, binaryPresent: true })).toEqual({ next: 'launch' });
    expect(desktopDecision({ ...base, binaryPresent: true, skipDownload: true, nodeVersion: 'v20.19.0' })).toEqual({ next: 'launch' });
  });

  it("asks Electron's installer first when the binary is missing", () => {
    expect(desktopDecision(base)).toEqual({
      next: 'download',
      sentence: "Janus Workstation: Electron's binary is not installed yet; fetching it once with Electron's installer.",
    });
  });

  it('launches once the installer has put the binary in place', () => {
    expect(desktopDecision({ ...base, binaryPresent: true, download: { ok: false } })).toEqual({ next: 'launch' });
  });

  it('falls back to browser mode with the installer reason when the download failed', () => {
    expect(desktopDecision({ ...base, download: { ok: false, reason: 'TypeError: fetch failed' } })).toEqual({
      next: 'browser',
      sentence:
        "Janus Workstation: Electron's binary could not be downloaded (TypeError: fetch failed), so the desktop app cannot start here; starting browser mode instead.",
    });
    expect(desktopDecision({ ...base, nodeVersion: 'v24.1.0', download: { ok: false } })).toEqual({
      next: 'browser',
      sentence:
        "Janus Workstation: Electron's binary could not be downloaded (no network, or the download is blocked), so the desktop app cannot start here; starting browser mode instead.",
    });
  });

  it("names the Node version Electron's installer wants when this one is older", () => {
    expect(desktopDecision({ ...base, nodeVersion: 'v20.20.2', download: { ok: false, reason: 'TypeError: fetch failed' } })).toEqual({
      next: 'browser',
      sentence:
        "Janus Workstation: Electron's binary could not be downloaded (TypeError: fetch failed; Electron's installer supports Node 22.12.0 or newer and this is Node 20.20.2), so the desktop app cannot start here; starting browser mode instead.",
    });
  });

  it('does not download when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    expect(desktopDecision({ ...base, skipDownload: true })).toEqual({
      next: 'browser',
      sentence:
        "Janus Workstation: Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the desktop app cannot start here; starting browser mode instead.",
    });
  });
});

describe('buildDecision', () => {
  const newest = { path: 'shared/model.ts', mtimeMs: 2_000 };

  it('builds when an output is missing, naming the first one', () => {
    expect(buildDecision({ missing: ['out/main/main.js', 'out/renderer/index.html'], stampMs: null, newest })).toEqual({
      build: true,
      sentence: 'Janus Workstation: building the app first (out/main/main.js is missing).',
    });
  });

  it('builds when no complete build was recorded', () => {
    expect(buildDecision({ missing: [], stampMs: null, newest })).toEqual({
      build: true,
      sentence: 'Janus Workstation: building the app first (out/ has no record of a complete build).',
    });
  });

  it('rebuilds when a source changed after the last build started', () => {
    expect(buildDecision({ missing: [], stampMs: 1_999, newest })).toEqual({
      build: true,
      sentence: 'Janus Workstation: rebuilding the app (shared/model.ts changed since the last build).',
    });
  });

  it('does nothing when the build is newer than every source', () => {
    expect(buildDecision({ missing: [], stampMs: 2_000, newest })).toEqual({ build: false });
    expect(buildDecision({ missing: [], stampMs: 5, newest: null })).toEqual({ build: false });
  });
});

describe('installerReason', () => {
  it("keeps the error line of Electron's installer and drops its stack", () => {
    const stderr = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (x.js:46:30)\n';
    expect(installerReason(stderr)).toBe('TypeError: fetch failed');
  });

  it('prefers a line that names a failure and shortens long ones', () => {
    expect(installerReason(`Downloading electron\nHTTPError: Response code 404 (Not Found) for ${'x'.repeat(200)}\n`)).toMatch(
      /^HTTPError: Response code 404 \(Not Found\) for x+\.\.\.$/,
    );
    expect(installerReason(`HTTPError: ${'x'.repeat(200)}`)).toHaveLength(160);
  });

  it('has no reason for an empty output', () => {
    expect(installerReason('\n  \n')).toBeUndefined();
  });
});

describe('browserCommand', () => {
  const url = 'http://127.0.0.1:4000/#token=abc';

  it('opens with xdg-open on a Linux desktop, open on macOS, start on Windows', () => {
    expect(browserCommand({ platform: 'linux', env: { DISPLAY: ':0' }, url })).toEqual({ open: true, command: 'xdg-open', args: [url] });
    expect(browserCommand({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, url })).toEqual({ open: true, command: 'xdg-open', args: [url] });
    expect(browserCommand({ platform: 'darwin', env: {}, url })).toEqual({ open: true, command: 'open', args: [url] });
    expect(browserCommand({ platform: 'win32', env: {}, url: 'http://h/?a=1&b=2' })).toEqual({
      open: true,
      command: 'cmd',
      args: ['/c', 'start', '', 'http://h/?a=1^&b=2'],
    });
  });

  it('does not open without a display, with JANUS_NO_BROWSER or with BROWSER=none', () => {
    expect(browserCommand({ platform: 'linux', env: {}, url })).toEqual({ open: false, why: 'there is no display' });
    expect(browserCommand({ platform: 'darwin', env: { JANUS_NO_BROWSER: '1' }, url })).toEqual({ open: false, why: 'JANUS_NO_BROWSER is set' });
    expect(browserCommand({ platform: 'win32', env: { BROWSER: 'none' }, url })).toEqual({ open: false, why: 'BROWSER=none' });
    expect(browserCommand({ platform: 'darwin', env: { JANUS_NO_BROWSER: '0' }, url })).toEqual({ open: true, command: 'open', args: [url] });
  });
});

describe('startupUrl', () => {
  it('reads the URL from the startup line, whatever carries the token', () => {
    expect(startupUrl('Janus Workstation: http://127.0.0.1:4000/?token=abc')).toBe('http://127.0.0.1:4000/?token=abc');
    expect(startupUrl('Janus Workstation: http://127.0.0.1:4000/#token=abc\n')).toBe('http://127.0.0.1:4000/#token=abc');
    expect(startupUrl('Janus Workstation: SIGTERM, shutting down.')).toBeNull();
  });
});

describe('nodeAtLeast', () => {
  it('compares major, minor and patch numerically', () => {
    expect(nodeAtLeast('v22.12.0', '22.12.0')).toBe(true);
    expect(nodeAtLeast('v22.9.0', '22.12.0')).toBe(false);
    expect(nodeAtLeast('v20.20.2', '22.12.0')).toBe(false);
    expect(nodeAtLeast('v24.0.0', '22.12.0')).toBe(true);
  });
});
