import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../../shared/ipc';
import { WORKSTATION_MENU } from '../../../electron/transport/menu-spec';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  parseWindowState,
  serializeWindowState,
} from '../../../electron/transport/window-state';
import { secureWebPreferences } from '../../../electron/transport/window-options';
import { defaultUserDataDir, parseWebArgs, startupLine } from '../../../electron/transport/web-options';

describe('window state', () => {
  it('round-trips the saved bounds', () => {
    const text = serializeWindowState({ x: 100, y: 50, width: 1600, height: 1000 }, true);
    expect(parseWindowState(text)).toEqual({ x: 100, y: 50, width: 1600, height: 1000, maximized: true });
  });

  it('falls back to the default for a missing, damaged or nonsensical file', () => {
    expect(parseWindowState(null)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width": 1200, "hei')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('null')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width":"wide","height":800}')).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('enforces the minimum size and drops a half-given position', () => {
    expect(parseWindowState('{"width":10,"height":10,"x":5}')).toEqual({ width: 960, height: 600, maximized: false });
  });

  it('keeps the position on a present display, and drops it when that monitor is gone', () => {
    const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
    const saved = { x: 2200, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(saved, [laptop, { x: 1920, y: 0, width: 2560, height: 1440 }])).toEqual(saved);
    expect(fitToDisplays(saved, [laptop])).toEqual({ width: 1400, height: 900, maximized: false });
  });

  it('shrinks a window larger than every display', () => {
    expect(fitToDisplays({ width: 3000, height: 2000, maximized: false }, [{ x: 0, y: 0, width: 1366, height: 768 }])).toEqual({
      width: 1366, height: 768, maximized: false,
    });
  });
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node anywhere', () => {
    expect(secureWebPreferences('/app/out/preload/preload.js')).toEqual({
      preload: '/app/out/preload/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('workstation menu', () => {
  it('has distinct actions and accelerators, sent as the contract\'s menu event', () => {
    expect(EVENT_NAMES).toContain('menu');
    expect(WORKSTATION_MENU.map((item) => item.action)).toEqual(['focus-command-line', 'new-order', 'cancel-all']);
    expect(new Set(WORKSTATION_MENU.map((item) => item.accelerator)).size).toBe(WORKSTATION_MENU.length);
  });
});

describe('browser mode options', () => {
  const defaults = { dataDir: '/home/t/.config/Janus Workstation', rendererDir: '/app/out/renderer' };

  it('computes the desktop app\'s userData folder per platform', () => {
    expect(defaultUserDataDir({ platform: 'linux', env: {}, homeDir: '/home/t' })).toBe('/home/t/.config/Janus Workstation');
    expect(defaultUserDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, homeDir: '/home/t' })).toBe('/cfg/Janus Workstation');
    expect(defaultUserDataDir({ platform: 'darwin', env: {}, homeDir: '/Users/t' })).toBe('/Users/t/Library/Application Support/Janus Workstation');
    expect(defaultUserDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, homeDir: 'C:\\Users\\t' }))
      .toBe('C:\\Users\\t\\AppData\\Roaming\\Janus Workstation');
    expect(defaultUserDataDir({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\t' })).toBe('C:\\Users\\t\\AppData\\Roaming\\Janus Workstation');
  });

  it('reads --port and --data-dir in both spellings, with defaults', () => {
    expect(parseWebArgs([], defaults)).toEqual({ ok: true, options: { port: 0, ...defaults } });
    expect(parseWebArgs(['--port', '8123', '--data-dir', '/tmp/j'], defaults)).toEqual({
      ok: true, options: { port: 8123, dataDir: '/tmp/j', rendererDir: defaults.rendererDir },
    });
    expect(parseWebArgs(['--port=0', '--renderer-dir=/r'], defaults)).toEqual({ ok: true, options: { port: 0, dataDir: defaults.dataDir, rendererDir: '/r' } });
    expect(parseWebArgs(['--help'], defaults)).toEqual({ ok: true, help: true });
  });

  it('refuses bad options with a sentence saying which and why', () => {
    expect(parseWebArgs(['--port', 'eighty'], defaults)).toEqual({ ok: false, message: '--port needs a number from 0 to 65535, got "eighty".' });
    expect(parseWebArgs(['--port', '70000'], defaults)).toEqual({ ok: false, message: '--port needs a number from 0 to 65535, got "70000".' });
    expect(parseWebArgs(['--port'], defaults)).toEqual({ ok: false, message: '--port needs a number from 0 to 65535, got nothing.' });
    expect(parseWebArgs(['--data-dir', '--port', '1'], defaults)).toEqual({ ok: false, message: '--data-dir needs a folder path.' });
    expect(parseWebArgs(['--demo'], defaults)).toEqual({ ok: false, message: 'Unknown option "--demo".' });
  });

  it('prints the start-up line in the documented form', () => {
    expect(startupLine('http://127.0.0.1:4100/#token=abc')).toBe('Janus Workstation: http://127.0.0.1:4100/#token=abc');
  });
});
