/**
 * The trader's keymap: one key chord -> one command-line line with placeholders, as DAS
 * hotkey scripts work. Pure: chord spelling, conflicts and template expansion. The price
 * anchors a line may use (`ask+0.01`, `bid-0.02`, `mid`, `last+1%`) are the command-line
 * grammar's own (shared/grammar/price.ts), priced when the expanded line is parsed.
 *
 *   buy {qty} {symbol} ask+0.01       {qty} = the ticket's quantity
 *   sell {qty} {symbol} bid-0.02      {symbol} = the selected symbol (Quotes, ticket)
 *
 * Sentences:
 *   `F2 is kept for: focus the command line`
 *   `F5 is already bound to "buy {qty} {symbol} ask"`
 *   `"Ctrl+" is not a key`   `no symbol selected: pick a quote row first`
 *   `no quantity on the ticket`
 */

export interface Hotkey {
  /** Canonical chord: modifiers in the order Ctrl, Alt, Shift, Meta, then the key ("Shift+F5"). */
  chord: string;
  /** A command-line line; {qty} and {symbol} are filled in when the key is pressed. */
  action: string;
}

export interface ChordEvent {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'CapsLock', 'OS', 'Dead', 'Unidentified', 'Process']);
const NAMED_KEYS = new Map(
  ['Enter', 'Escape', 'Tab', 'Backspace', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Space'].map(
    (k) => [k.toLowerCase(), k] as const,
  ),
);
const FUNCTION_KEY = /^f([1-9]|1[0-9]|2[0-4])$/i;

/** The key part of a chord: "F5", "A", "1", "Delete", "Space", or null when it cannot be one. */
function canonicalKey(key: string): string | null {
  if (key === ' ') return 'Space';
  if (key === '+') return 'Plus';
  if (MODIFIER_KEYS.has(key)) return null;
  const fn = FUNCTION_KEY.exec(key);
  if (fn) return `F${fn[1] ?? ''}`;
  const named = NAMED_KEYS.get(key.toLowerCase());
  if (named) return named;
  if (key.toLowerCase() === 'plus') return 'Plus';
  if (key.length === 1 && key.trim() !== '') return key.toUpperCase();
  return null;
}

/** The chord a key event makes, or null for a lone modifier (still being pressed). */
export function chordOf(e: ChordEvent): string | null {
  const key = canonicalKey(e.key);
  if (key === null) return null;
  const mods = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Meta'].filter((m): m is string => m !== false);
  // Shift on a printed character is already in the character ("?" not "Shift+/").
  const printable = key.length === 1 && !/[A-Z]/.test(key);
  const kept = printable ? mods.filter((m) => m !== 'Shift') : mods;
  return [...kept, key].join('+');
}

export type ChordParse = { ok: true; chord: string } | { ok: false; reason: string };

/** A chord as typed in settings.json ("shift+f5", "Ctrl+Alt+B"), in canonical spelling. */
export function parseChord(text: string): ChordParse {
  const parts = text.trim().split('+');
  const rawKey = parts.pop() ?? '';
  const mods = new Set<string>();
  for (const part of parts) {
    const mod = MODIFIERS.find((m) => m.toLowerCase() === part.trim().toLowerCase() || (m === 'Ctrl' && part.trim().toLowerCase() === 'control'));
    if (!mod) return { ok: false, reason: `"${text}" is not a key: "${part}" is not Ctrl, Alt, Shift or Meta` };
    mods.add(mod);
  }
  const key = canonicalKey(rawKey.trim());
  if (key === null) return { ok: false, reason: `"${text}" is not a key` };
  return { ok: true, chord: [...MODIFIERS.filter((m) => mods.has(m)), key].join('+') };
}

/** A chord that types a character: while a text field has focus it belongs to the field. */
export function isBareChord(chord: string): boolean {
  if (/(^|\+)(Ctrl|Alt|Meta)\+/.test(chord)) return false;
  const key = chord.split('+').pop() ?? '';
  return !FUNCTION_KEY.test(key);
}

/** Keys the workstation itself uses; a hotkey may not take them. */
export const RESERVED_CHORDS: ReadonlyMap<string, string> = new Map([
  ['F1', 'show every key'],
  ['?', 'show every key'],
  ['F2', 'focus the command line'],
  ['/', 'focus the command line'],
  ['Ctrl+,', 'open the settings'],
  ['B', 'switch the ticket to buy'],
  ['S', 'switch the ticket to sell'],
  ['Enter', 'send or pick'],
  ['Ctrl+Enter', 'check margin (ticket and command line)'],
  ['Escape', 'clear or close'],
  ['Tab', 'move focus'],
  ['Shift+Tab', 'move focus'],
  ['Delete', 'cancel the selected order or remove the quote row'],
  ['ArrowUp', 'move between rows'],
  ['ArrowDown', 'move between rows'],
  ...Array.from({ length: 9 }, (_, i) => [`Alt+${i + 1}`, 'jump to a panel'] as [string, string]),
  ['Alt+0', 'jump to a panel'],
]);

/** Why `chord` cannot be bound (at `index` in `keymap`, -1 for a new one), or null when it can. */
export function chordConflict(keymap: readonly Hotkey[], chord: string, index = -1): string | null {
  const reserved = RESERVED_CHORDS.get(chord);
  if (reserved) return `${chord} is kept for: ${reserved}`;
  const other = keymap.findIndex((h, i) => i !== index && h.chord === chord);
  if (other !== -1) return `${chord} is already bound to "${keymap[other]?.action ?? ''}"`;
  return null;
}

/** Every conflict inside a keymap, each once (for the settings file's check). */
export function keymapProblems(keymap: readonly Hotkey[]): string[] {
  const problems: string[] = [];
  keymap.forEach((h, i) => {
    const reserved = RESERVED_CHORDS.get(h.chord);
    if (reserved) problems.push(`hotkey ${h.chord} is kept for: ${reserved}`);
    const first = keymap.findIndex((o) => o.chord === h.chord);
    if (first !== i) problems.push(`hotkey ${h.chord} is bound twice: "${keymap[first]?.action ?? ''}" and "${h.action}"`);
  });
  return problems;
}

export interface HotkeyContext {
  /** The selected symbol, '' when none. */
  symbol: string;
  /** The ticket's quantity as typed, '' when empty. */
  quantity: string;
}

export type Expanded = { ok: true; line: string } | { ok: false; reason: string };

/** Fills {symbol} and {qty}; refuses with a sentence when the line needs what is missing. */
export function expandAction(action: string, context: HotkeyContext): Expanded {
  const unknown = /\{(?!symbol\}|qty\})[^}]*\}/.exec(action);
  if (unknown) return { ok: false, reason: `unknown placeholder ${unknown[0]}: use {symbol} or {qty}` };
  const symbol = context.symbol.trim();
  const quantity = context.quantity.trim();
  if (action.includes('{symbol}') && symbol === '') return { ok: false, reason: 'no symbol selected: pick a quote row first' };
  if (action.includes('{qty}') && quantity === '') return { ok: false, reason: 'no quantity on the ticket' };
  return { ok: true, line: action.replaceAll('{symbol}', symbol).replaceAll('{qty}', quantity) };
}

/** The keys a first start ships with (listed in README, "Keys"). */
export const DEFAULT_HOTKEYS: readonly Hotkey[] = [
  { chord: 'F5', action: 'buy {qty} {symbol} ask' },
  { chord: 'Shift+F5', action: 'buy {qty} {symbol} ask+0.01' },
  { chord: 'F6', action: 'buy {qty} {symbol} bid' },
  { chord: 'F7', action: 'sell {qty} {symbol} bid' },
  { chord: 'Shift+F7', action: 'sell {qty} {symbol} bid-0.01' },
  { chord: 'F8', action: 'sell {qty} {symbol} ask' },
  { chord: 'Ctrl+F5', action: 'buy {qty} {symbol} ask tp +0.50 sl -0.25' },
  { chord: 'Ctrl+F7', action: 'sell {qty} {symbol} bid tp +0.50 sl -0.25' },
  { chord: 'F9', action: 'cancel {symbol}' },
  { chord: 'F10', action: 'flat {symbol}' },
  { chord: 'Shift+F10', action: 'rev {symbol}' },
];
