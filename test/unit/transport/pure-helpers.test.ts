import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES } from '../../../shared/ipc';
import { isAllowedWsOrigin, isTrustedAppUrl } from '../../../electron/transport/app-origin';
import {
  TOKEN_PROTOCOL_PREFIX,
  WS_APP_PROTOCOL,
  isAuthorizedUpgrade,
  pageUrl,
  selectProtocol,
  tokenFromProtocols,
  tokenMatches,
} from '../../../electron/transport/access-token';
import { REFUSED_HOST, REFUSED_ORIGIN, REFUSED_TOKEN, upgradeRefusal } from '../../../electron/transport/upgrade-gate';
import * as pageToken from '../../../renderer/bridge/page-token';
import { contentSecurityPolicy, withCspMeta } from '../../../electron/transport/csp';
import { readClientFrame, errorFrame } from '../../../electron/transport/frames';
import { COMMAND_CHANNELS, EVENT_CHANNELS, commandChannel, commandOfChannel, eventChannel } from '../../../electron/transport/ipc-channels';
import { contentTypeOf, resolveStaticPath } from '../../../electron/transport/static-files';

describe('ipc channels', () => {
  it('names one channel per command and per event, prefixed and distinct', () => {
    expect(commandChannel('order.place')).toBe('janus:cmd:order.place');
    expect(eventChannel('quotes')).toBe('janus:evt:quotes');
    expect(COMMAND_CHANNELS).toHaveLength(COMMAND_NAMES.length);
    expect(EVENT_CHANNELS).toHaveLength(EVENT_NAMES.length);
    expect(new Set([...COMMAND_CHANNELS, ...EVENT_CHANNELS]).size).toBe(COMMAND_NAMES.length + EVENT_NAMES.length);
  });

  it('maps a channel back to its command and rejects anything else', () => {
    expect(commandOfChannel('janus:cmd:order.cancel')).toBe('order.cancel');
    expect(commandOfChannel('janus:cmd:order.nuke')).toBeNull();
    expect(commandOfChannel('janus:evt:quotes')).toBeNull();
  });
});

describe('isTrustedAppUrl', () => {
  const app = { indexUrl: 'file:///opt/Janus%20Workstation/resources/app.asar/out/renderer/index.html', devServerUrl: 'http://localhost:5173' };

  it('accepts our index.html with any query or hash, and the dev server origin', () => {
    expect(isTrustedAppUrl('file:///opt/Janus%20Workstation/resources/app.asar/out/renderer/index.html#/orders', app)).toBe(true);
    expect(isTrustedAppUrl('file:///opt/Janus Workstation/resources/app.asar/out/renderer/index.html?x=1', app)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/some/route', app)).toBe(true);
  });

  it('accepts the app:// page the desktop window loads, and nothing else under app://', () => {
    const desktop = { indexUrl: 'app://janus/index.html' };
    expect(isTrustedAppUrl('app://janus/index.html', desktop)).toBe(true);
    expect(isTrustedAppUrl('app://janus/index.html#/orders', desktop)).toBe(true);
    expect(isTrustedAppUrl('app://janus/other.html', desktop)).toBe(false);
    expect(isTrustedAppUrl('app://evil/index.html', desktop)).toBe(false);
    expect(isTrustedAppUrl('file:///index.html', desktop)).toBe(false);
    expect(isTrustedAppUrl('http://janus/index.html', desktop)).toBe(false);
  });

  it('refuses other files, other origins and opaque URLs', () => {
    expect(isTrustedAppUrl('file:///tmp/evil.html', app)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5174/', app)).toBe(false);
    expect(isTrustedAppUrl('https://example.com/', app)).toBe(false);
    expect(isTrustedAppUrl('about:blank', app)).toBe(false);
    expect(isTrustedAppUrl('data:text/html,hi', app)).toBe(false);
    expect(isTrustedAppUrl('not a url', app)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/', { indexUrl: app.indexUrl })).toBe(false);
  });
});

describe('isAllowedWsOrigin', () => {
  it('allows only our own loopback origins on our port', () => {
    expect(isAllowedWsOrigin('http://127.0.0.1:4100', 4100)).toBe(true);
    expect(isAllowedWsOrigin('http://localhost:4100', 4100)).toBe(true);
    expect(isAllowedWsOrigin('http://127.0.0.1:4101', 4100)).toBe(false);
    expect(isAllowedWsOrigin('https://evil.example', 4100)).toBe(false);
    expect(isAllowedWsOrigin('null', 4100)).toBe(false);
    expect(isAllowedWsOrigin(undefined, 4100)).toBe(false);
  });
});

describe('access token', () => {
  it('compares exactly, in constant time, and rejects missing values', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });

  it('puts the token in the link fragment only, never in the path or query', () => {
    expect(pageUrl('127.0.0.1', 4100, 'T0K')).toBe('http://127.0.0.1:4100/#token=T0K');
  });

  it('reads the token from the Sec-WebSocket-Protocol list and answers with the app protocol, never the token', () => {
    expect(tokenFromProtocols('janus.v1, janus.token.T0K')).toBe('T0K');
    expect(tokenFromProtocols(new Set(['janus.token.T0K', 'janus.v1']))).toBe('T0K');
    expect(tokenFromProtocols('janus.v1')).toBeNull();
    expect(tokenFromProtocols(undefined)).toBeNull();
    expect(isAuthorizedUpgrade('janus.v1, janus.token.T0K', 'T0K')).toBe(true);
    expect(isAuthorizedUpgrade('janus.v1, janus.token.T0X', 'T0K')).toBe(false);
    expect(isAuthorizedUpgrade(undefined, 'T0K')).toBe(false);
    expect(selectProtocol(new Set(['janus.v1', 'janus.token.T0K']))).toBe('janus.v1');
    expect(selectProtocol(new Set(['janus.token.T0K']))).toBe(false);
  });

  it('uses the same protocol names on the page and in the host', () => {
    expect(pageToken.WS_APP_PROTOCOL).toBe(WS_APP_PROTOCOL);
    expect(pageToken.TOKEN_PROTOCOL_PREFIX).toBe(TOKEN_PROTOCOL_PREFIX);
    expect(isAuthorizedUpgrade(pageToken.wsProtocols('T0K').join(', '), 'T0K')).toBe(true);
  });
});

describe('upgradeRefusal', () => {
  const ok = { url: '/ws', host: '127.0.0.1:4100', origin: 'http://127.0.0.1:4100', protocols: 'janus.v1, janus.token.T0K' };
  it('accepts our path, Host, Origin and token', () => {
    expect(upgradeRefusal(ok, 4100, 'T0K')).toBeNull();
    expect(upgradeRefusal({ ...ok, host: 'localhost:4100', origin: 'http://localhost:4100' }, 4100, 'T0K')).toBeNull();
  });
  it('refuses each failing check with its own sentence', () => {
    expect(upgradeRefusal({ ...ok, url: '/other' }, 4100, 'T0K')).toMatchObject({ status: 404 });
    expect(upgradeRefusal({ ...ok, host: 'evil.example:4100' }, 4100, 'T0K')).toMatchObject({ status: 403, sentence: REFUSED_HOST });
    expect(upgradeRefusal({ ...ok, protocols: 'janus.v1' }, 4100, 'T0K')).toMatchObject({ status: 403, sentence: REFUSED_TOKEN });
    expect(upgradeRefusal({ ...ok, url: '/ws?token=T0K', protocols: undefined }, 4100, 'T0K')).toMatchObject({ status: 403, sentence: REFUSED_TOKEN });
    expect(upgradeRefusal({ ...ok, origin: 'http://127.0.0.1:4101' }, 4100, 'T0K')).toMatchObject({ status: 403, sentence: REFUSED_ORIGIN });
    expect(upgradeRefusal({ ...ok, origin: undefined }, 4100, 'T0K')).toMatchObject({ status: 403, sentence: REFUSED_ORIGIN });
  });
});

describe('contentSecurityPolicy', () => {
  it('allows no network in Electron and only our WebSocket in browser mode', () => {
    expect(contentSecurityPolicy()).toContain("connect-src 'none'");
    expect(contentSecurityPolicy()).toContain("script-src 'self';");
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ webSocketOrigins: ['ws://127.0.0.1:4100'] })).toContain("connect-src 'self' ws://127.0.0.1:4100");
    expect(contentSecurityPolicy({ webSocketOrigins: ['ws://127.0.0.1:4100'] })).toContain("script-src 'self';");
    expect(contentSecurityPolicy({ devInlineScripts: true })).toContain("script-src 'self' 'unsafe-inline';");
  });
});

describe('withCspMeta', () => {
  it('puts exactly one CSP meta tag first in <head>, replacing any existing one', () => {
    const page = '<!doctype html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src *"></head></html>';
    const out = withCspMeta(page, "default-src 'none'");
    expect(out).toBe('<!doctype html><html lang="en"><head>\n    <meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><meta charset="UTF-8"></head></html>');
    expect(withCspMeta(out, "default-src 'self'").match(/Content-Security-Policy/g)).toHaveLength(1);
  });

  it('escapes the policy for the attribute and copes with a page without <head>', () => {
    expect(withCspMeta('<p>x</p>', 'a "b" & c')).toBe('<meta http-equiv="Content-Security-Policy" content="a &quot;b&quot; &amp; c">\n<p>x</p>');
  });

  it('leaves frame-ancestors out of the meta variant', () => {
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ forMeta: true })).not.toContain('frame-ancestors');
  });
});

describe('readClientFrame', () => {
  it('reads a well-formed invoke frame', () => {
    expect(readClientFrame('{"type":"invoke","id":3,"command":"settings.get","request":{}}')).toEqual({
      ok: true,
      frame: { type: 'invoke', id: 3, command: 'settings.get', request: {} },
    });
  });

  it('says what is wrong, keeping the id when it could be read', () => {
    expect(readClientFrame('{nope')).toEqual({ ok: false, id: null, message: 'Malformed frame: not valid JSON.' });
    expect(readClientFrame('[1,2]')).toEqual({ ok: false, id: null, message: 'Malformed frame: expected a JSON object.' });
    expect(readClientFrame('{"type":"invoke","id":"7","command":"x"}')).toEqual({ ok: false, id: null, message: 'Malformed frame: "id" must be an integer.' });
    expect(readClientFrame('{"type":"call","id":7,"command":"x"}')).toEqual({ ok: false, id: 7, message: 'Malformed frame: "type" must be "invoke", got "call".' });
    expect(readClientFrame('{"type":"invoke","id":8,"command":5}')).toEqual({ ok: false, id: 8, message: 'Malformed frame: "command" must be a string.' });
  });

  it('answers an unreadable id with -1', () => {
    expect(errorFrame(null, 'bad')).toEqual({ type: 'result', id: -1, result: { ok: false, error: { code: 'invalid-payload', message: 'bad' } } });
  });
});

describe('resolveStaticPath', () => {
  const root = resolve('/srv/renderer');

  it('maps / to index.html and paths to files inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveStaticPath(root, '/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('refuses traversal, encoded traversal, dot-files, NUL and backslashes', () => {
    expect(resolveStaticPath(root, '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/assets/..%2f..%2fsecret')).toBeNull();
    expect(resolveStaticPath(root, '/.env')).toBeNull();
    expect(resolveStaticPath(root, '/a%00.js')).toBeNull();
    expect(resolveStaticPath(root, '/..%5c..%5cwin.ini')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });

  it('labels files with their content type', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('icon.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('blob.bin')).toBe('application/octet-stream');
  });
});
