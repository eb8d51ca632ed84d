import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, addressWithoutToken, takePageToken, tokenFromHash, wsProtocols, type PageTokenWindow } from '../../../renderer/bridge/page-token';

function fakeWindow(pathname: string, search: string, hash: string) {
  const storage = new Map<string, string>();
  const replaced: string[] = [];
  const win: PageTokenWindow = {
    location: { pathname, search, hash },
    history: { replaceState: (_data, _unused, url) => void replaced.push(url ?? '') },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { win, storage, replaced };
}

describe('page token', () => {
  it('reads only a well-formed token from the fragment', () => {
    expect(tokenFromHash('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromHash('#perf=1&token=abc')).toBe('abc');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#token=a b')).toBeNull();
  });

  it('clears the token from the address, keeping the rest', () => {
    expect(addressWithoutToken({ pathname: '/', search: '', hash: '#token=abc' })).toBe('/');
    expect(addressWithoutToken({ pathname: '/', search: '?perf=1', hash: '#token=abc&x=1' })).toBe('/?perf=1#x=1');
  });

  it('moves the token into sessionStorage and out of the address bar', () => {
    const { win, storage, replaced } = fakeWindow('/', '', '#token=T0K');
    expect(takePageToken(win)).toBe('T0K');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('T0K');
    expect(replaced).toEqual(['/']);
  });

  it('after a reload (no fragment) presents the stored token and touches no history', () => {
    const { win, storage, replaced } = fakeWindow('/', '', '');
    storage.set(TOKEN_STORAGE_KEY, 'T0K');
    expect(takePageToken(win)).toBe('T0K');
    expect(replaced).toEqual([]);
  });

  it('without any token offers only the app protocol (the host will refuse it)', () => {
    const { win } = fakeWindow('/', '', '');
    expect(takePageToken(win)).toBeNull();
    expect(wsProtocols(null)).toEqual(['janus.v1']);
    expect(wsProtocols('T0K')).toEqual(['janus.v1', 'janus.token.T0K']);
  });
});
