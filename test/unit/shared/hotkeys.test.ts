import { describe, expect, it } from 'vitest';
import {
  chordConflict,
  chordOf,
  DEFAULT_HOTKEYS,
  expandAction,
  isBareChord,
  keymapProblems,
  parseChord,
  resolveAnchorPrice,
  resolveAnchors,
} from '../../../shared/hotkeys';
import { defaultSettings, parseSettings } from '../../../shared/schema';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('chords', () => {
  it('spells a pressed key the one canonical way', () => {
    expect(chordOf(key('F5'))).toBe('F5');
    expect(chordOf(key('F5', { shiftKey: true }))).toBe('Shift+F5');
    expect(chordOf(key('b', { ctrlKey: true, altKey: true }))).toBe('Ctrl+Alt+B');
    expect(chordOf(key('B', { shiftKey: true }))).toBe('Shift+B');
    expect(chordOf(key('?', { shiftKey: true }))).toBe('?');
    expect(chordOf(key(' '))).toBe('Space');
    expect(chordOf(key('Shift', { shiftKey: true }))).toBeNull();
    expect(chordOf(key('Control', { ctrlKey: true }))).toBeNull();
  });

  it('reads a chord as written in settings.json, or says why not', () => {
    expect(parseChord('shift+f5')).toEqual({ ok: true, chord: 'Shift+F5' });
    expect(parseChord('Alt+Control+b')).toEqual({ ok: true, chord: 'Ctrl+Alt+B' });
    expect(parseChord('Hyper+F5')).toEqual({ ok: false, reason: '"Hyper+F5" is not a key: "Hyper" is not Ctrl, Alt, Shift or Meta' });
    expect(parseChord('Ctrl+')).toEqual({ ok: false, reason: '"Ctrl+" is not a key' });
  });

  it('knows which chords type a character (and so stay out of text fields)', () => {
    expect(isBareChord('Q')).toBe(true);
    expect(isBareChord('Shift+Q')).toBe(true);
    expect(isBareChord('F5')).toBe(false);
    expect(isBareChord('Shift+F5')).toBe(false);
    expect(isBareChord('Ctrl+Q')).toBe(false);
    expect(isBareChord('Alt+Q')).toBe(false);
  });
});

describe('conflicts', () => {
  const keymap = [
    { chord: 'F5', action: 'buy {qty} {symbol} ask' },
    { chord: 'F7', action: 'sell {qty} {symbol} bid' },
  ];

  it('refuses a key already bound, or kept by the workstation, with a sentence', () => {
    expect(chordConflict(keymap, 'F7')).toBe('F7 is already bound to "sell {qty} {symbol} bid"');
    expect(chordConflict(keymap, 'F2')).toBe('F2 is kept for: focus the command line');
    expect(chordConflict(keymap, 'Alt+3')).toBe('Alt+3 is kept for: jump to a panel');
    expect(chordConflict(keymap, 'S')).toBe('S is kept for: switch the ticket to sell');
    expect(chordConflict(keymap, 'F8')).toBeNull();
    // Re-recording a hotkey's own key is no conflict.
    expect(chordConflict(keymap, 'F5', 0)).toBeNull();
  });

  it('lists every conflict inside a keymap', () => {
    expect(keymapProblems([...keymap, { chord: 'F5', action: 'flat {symbol}' }, { chord: 'F1', action: 'x' }])).toEqual([
      'hotkey F5 is bound twice: "buy {qty} {symbol} ask" and "flat {symbol}"',
      'hotkey F1 is kept for: show every key',
    ]);
  });

  it('ships defaults without a conflict', () => {
    expect(keymapProblems(DEFAULT_HOTKEYS)).toEqual([]);
  });
});

describe('expansion', () => {
  it('fills {qty} and {symbol}, refusing exactly when one is missing', () => {
    expect(expandAction('buy {qty} {symbol} ask+0.01', { symbol: 'AAPL', quantity: '200' })).toEqual({ ok: true, line: 'buy 200 AAPL ask+0.01' });
    expect(expandAction('buy {qty} {symbol} ask', { symbol: '', quantity: '200' })).toEqual({ ok: false, reason: 'no symbol selected: pick a quote row first' });
    expect(expandAction('buy {qty} {symbol} ask', { symbol: 'AAPL', quantity: ' ' })).toEqual({ ok: false, reason: 'no quantity on the ticket' });
    expect(expandAction('flat {symbol}', { symbol: 'AAPL', quantity: '' })).toEqual({ ok: true, line: 'flat AAPL' });
    expect(expandAction('buy {size} {symbol}', { symbol: 'AAPL', quantity: '1' })).toEqual({ ok: false, reason: 'unknown placeholder {size}: use {symbol} or {qty}' });
  });
});

describe('anchors', () => {
  const quote = { bid: 187.5, ask: 187.52, last: 187.51 };

  it('prices bid, ask, last and mid with offsets in dollars or percent, on the tick grid', () => {
    expect(resolveAnchorPrice('ask+0.01', 'AAPL', quote)).toEqual({ ok: true, price: 187.53 });
    expect(resolveAnchorPrice('bid-0.02', 'AAPL', quote)).toEqual({ ok: true, price: 187.48 });
    expect(resolveAnchorPrice('mid', 'AAPL', quote)).toEqual({ ok: true, price: 187.51 });
    expect(resolveAnchorPrice('LAST', 'AAPL', quote)).toEqual({ ok: true, price: 187.51 });
    expect(resolveAnchorPrice('ask+1%', 'AAPL', quote)).toEqual({ ok: true, price: 189.4 });
    expect(resolveAnchorPrice('bid-0.0001', 'PENNY', { bid: 0.5, ask: 0.51, last: null })).toEqual({ ok: true, price: 0.4999 });
  });

  it('says why there is no price', () => {
    expect(resolveAnchorPrice('ask', 'AAPL', { bid: 1, ask: null, last: null })).toEqual({ ok: false, reason: 'no ask for AAPL yet' });
    expect(resolveAnchorPrice('mid', 'AAPL', undefined)).toEqual({ ok: false, reason: 'no mid for AAPL yet' });
    expect(resolveAnchorPrice('bid-5', 'AAPL', { bid: 2, ask: 3, last: 2 })).toEqual({ ok: false, reason: 'bid-5 for AAPL comes to -3: not a price' });
  });

  it('rewrites a line with its anchors priced, and leaves other lines alone', () => {
    const quoteOf = (s: string) => (s === 'AAPL' ? quote : undefined);
    expect(resolveAnchors('buy 100 AAPL ask+0.01', quoteOf)).toEqual({ ok: true, line: 'buy 100 AAPL 187.53' });
    expect(resolveAnchors('sell 100 aapl bid-0.02 day', quoteOf)).toEqual({ ok: true, line: 'sell 100 aapl 187.48 day' });
    expect(resolveAnchors('buy 100 AAPL 187.50', quoteOf)).toEqual({ ok: true, line: 'buy 100 AAPL 187.50' });
    expect(resolveAnchors('buy 100 MSFT ask', quoteOf)).toEqual({ ok: false, reason: 'no ask for MSFT yet' });
  });
});

describe('the workspace section of settings.json', () => {
  it('takes a keymap and spells its chords canonically', () => {
    const r = parseSettings({ ...defaultSettings(), workspace: { layout: null, columns: {}, hotkeys: [{ chord: 'shift+f5', action: 'buy {qty} {symbol} ask' }] } });
    expect(r.ok && r.value.workspace?.hotkeys).toEqual([{ chord: 'Shift+F5', action: 'buy {qty} {symbol} ask' }]);
  });

  it('refuses a keymap with a conflict, with its sentence', () => {
    const r = parseSettings({
      ...defaultSettings(),
      workspace: {
        layout: null,
        columns: {},
        hotkeys: [
          { chord: 'F5', action: 'buy {qty} {symbol} ask' },
          { chord: 'f5', action: 'flat {symbol}' },
        ],
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('hotkey F5 is bound twice: "buy {qty} {symbol} ask" and "flat {symbol}"');
  });

  it('refuses a bad key and a bad column width', () => {
    const bad = parseSettings({ ...defaultSettings(), workspace: { layout: null, columns: {}, hotkeys: [{ chord: 'Hyper+X', action: 'flat {symbol}' }] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('"Hyper+X" is not a key');
    const width = parseSettings({ ...defaultSettings(), workspace: { layout: null, columns: { fills: { order: [], hidden: [], sizes: { price: 5 } } }, hotkeys: [] } });
    expect(width.ok).toBe(false);
  });

  it('leaves a file without the section as it was', () => {
    const r = parseSettings(defaultSettings());
    expect(r.ok && r.value.workspace).toBeUndefined();
  });
});
