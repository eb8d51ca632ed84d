// Number formatting shared by the UI and the order rules, so an error sentence
// and the screen always show a price the same way.

/** Prices carry at most this many decimals (US equities: 0.0001 below $1). */
export const MAX_PRICE_DECIMALS = 4;

/** Fixed-point text without exponent notation and without trailing zeros beyond `minDecimals`. */
function trimmedFixed(value: number, minDecimals: number, maxDecimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  let text = value.toFixed(maxDecimals);
  if (maxDecimals > minDecimals) {
    const dot = text.indexOf('.');
    let end = text.length;
    while (end > dot + 1 + minDecimals && text[end - 1] === '0') end -= 1;
    if (end === dot + 1) end -= 1; // minDecimals 0 and nothing left after the dot
    text = text.slice(0, end);
  }
  // toFixed keeps "-0.00" for tiny negatives; a price is never negative zero.
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  return text;
}

/**
 * A price with at least `minDecimals` (default 2) decimals and as many more as the
 * value needs, up to max(4, minDecimals): 190 -> "190.00", 187.505 -> "187.505",
 * 0.1234 -> "0.1234". Float noise is rounded away (187.49999999999997 -> "187.50").
 */
export function formatPrice(value: number, minDecimals = 2): string {
  const min = Math.max(0, Math.min(10, Math.floor(minDecimals)));
  return trimmedFixed(value, min, Math.max(MAX_PRICE_DECIMALS, min));
}

/** A plain number with no trailing zeros, up to `maxDecimals`: 5 -> "5", 2.5 -> "2.5", 0.01 -> "0.01". */
export function formatNumber(value: number, maxDecimals = 8): string {
  return trimmedFixed(value, 0, maxDecimals);
}

/** Digits grouped in thousands: "1234567" -> "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** US dollars with thousands separators and cents: 190000 -> "$190,000.00", -5.5 -> "-$5.50". */
export function formatMoney(value: number): string {
  if (!Number.isFinite(value)) return `$${String(value)}`;
  const text = trimmedFixed(Math.abs(value), 2, 2);
  const [whole = '0', cents = '00'] = text.split('.');
  const negative = value < 0 && text !== '0.00';
  return `${negative ? '-' : ''}$${groupThousands(whole)}.${cents}`;
}

/** A share count with thousands separators: 12500 -> "12,500"; fractions kept as needed. */
export function formatQuantity(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = trimmedFixed(Math.abs(value), 0, 4);
  const [whole = '0', fraction] = text.split('.');
  const sign = value < 0 && text !== '0' ? '-' : '';
  return `${sign}${groupThousands(whole)}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A percentage with one decimal: 33.333 -> "33.3%". */
export function formatPercent(value: number, decimals = 1): string {
  return `${trimmedFixed(value, decimals, decimals)}%`;
}

/** How many decimals `value` needs (up to `limit`), tolerant of float noise: 0.01 -> 2, 187.505 -> 3. */
export function decimalsNeeded(value: number, limit = 10): number {
  if (!Number.isFinite(value)) return 0;
  for (let d = 0; d < limit; d += 1) {
    const scaled = value * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return limit;
}
