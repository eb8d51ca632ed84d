// How refusal sentences quote what the trader typed. Input can be anything (a pasted
// paragraph, a hostile payload); a sentence echoes at most ECHO_LIMIT characters of it.

/** Most characters of input a sentence repeats back. */
export const ECHO_LIMIT = 40;

/** `"AAPL"`, or `"AAAAAAAA…"` (cut at ECHO_LIMIT characters, the ellipsis outside the quotes). */
export function quoteInput(text: string, limit = ECHO_LIMIT): string {
  const chars = [...String(text)];
  if (chars.length <= limit) return JSON.stringify(String(text));
  return `${JSON.stringify(chars.slice(0, limit).join(''))}…`;
}
