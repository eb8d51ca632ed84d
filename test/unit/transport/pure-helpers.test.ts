import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES } from '../../../shared/ipc';
import { isAllowedWsOrigin, isTrustedAppUrl } from '../../../electron/transport/app-origin';
import { isAuthorized, presentedToken, readCookie, tokenCookie, tokenMatches } from '../../../electron/transport/access-token';
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
  const app = { indexFileUrl: 'file:///opt/Janus%20Workstation/resources/app.asar/out/renderer/index.html', devServerUrl: 'http://localhost:5173' };

  it('accepts our index.html with any query or hash, and the dev server origin', () => {
    expect(isTrustedAppUrl('file:///opt/Janus%20Workstation/resources/app.asar/out/renderer/index.html#/orders', app)).toBe(true);
    expect(isTrustedAppUrl('file:///opt/Janus Workstation/resources/app.asar/out/renderer/index.html?x=1', app)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/some/route', app)).toBe(true);
  });

  it('refuses other files, other origins and opaque URLs', () => {
    expect(isTrustedAppUrl('file:///tmp/evil.html', app)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5174/', app)).toBe(false);
    expect(isTrustedAppUrl('https://example.com/', app)).toBe(false);
    expect(isTrustedAppUrl('about:blank', app)).toBe(false);
    expect(isTrustedAppUrl('data:text/html,hi', app)).toBe(false);
    expect(isTrustedAppUrl('not a url', app)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/', { indexFileUrl: app.indexFileUrl })).toBe(false);
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

  it('reads the port-specific cookie and accepts query or cookie', () => {
    const cookie = tokenCookie(4100, 'T0K');
    expect(cookie).toBe('janus_token_4100=T0K; Path=/; HttpOnly; SameSite=Strict');
    expect(readCookie('a=1; janus_token_4100=T0K; b=2', 'janus_token_4100')).toBe('T0K');
    expect(readCookie('janus_token_4101=T0K', 'janus_token_4100')).toBeNull();
    const viaQuery = presentedToken(new URL('http://127.0.0.1:4100/?token=T0K'), undefined, 4100);
    const viaCookie = presentedToken(new URL('http://127.0.0.1:4100/assets/a.js'), 'janus_token_4100=T0K', 4100);
    const otherPort = presentedToken(new URL('http://127.0.0.1:4100/'), 'janus_token_4101=T0K', 4100);
    expect(isAuthorized(viaQuery, 'T0K')).toBe(true);
    expect(isAuthorized(viaCookie, 'T0K')).toBe(true);
    expect(isAuthorized(otherPort, 'T0K')).toBe(false);
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
