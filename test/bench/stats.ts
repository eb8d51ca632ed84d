// Pure arithmetic the benchmarks share: percentiles, clock offsets between
// two processes, growth over a soak, durations typed on the command line.

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** One exchange of clock readings: ours before and after asking, theirs in between. */
export interface ClockProbe {
  sentAt: number;
  theirs: number;
  receivedAt: number;
}

/**
 * Their clock minus ours, from the probe with the shortest round trip (the
 * least disturbed one): their reading is taken to be halfway through it.
 * The error is at most half that round trip, which is returned beside it.
 */
export function clockOffset(probes: readonly ClockProbe[]): { offsetMs: number; errorMs: number } {
  let best: ClockProbe | undefined;
  for (const probe of probes) {
    if (probe.receivedAt < probe.sentAt) continue;
    if (best === undefined || probe.receivedAt - probe.sentAt < best.receivedAt - best.sentAt) best = probe;
  }
  if (best === undefined) throw new RangeError('clockOffset needs at least one probe whose answer came after the question');
  return { offsetMs: best.theirs - (best.sentAt + best.receivedAt) / 2, errorMs: (best.receivedAt - best.sentAt) / 2 };
}

/** One soak sample: minutes since the start and the figures read then. */
export interface SoakSample {
  minute: number;
  values: Record<string, number>;
}

/**
 * Growth of each figure from the first sample at or after `fromMinute` to the
 * last sample, in percent of the first (warm-up before `fromMinute` is not
 * growth). Figures missing from either end are left out. Empty when fewer than
 * two samples fall in the range.
 */
export function growthPercent(samples: readonly SoakSample[], fromMinute: number): Record<string, number> {
  const inRange = samples.filter((s) => s.minute >= fromMinute);
  const first = inRange[0];
  const last = inRange[inRange.length - 1];
  if (first === undefined || last === undefined || first === last) return {};
  const growth: Record<string, number> = {};
  for (const [name, start] of Object.entries(first.values)) {
    const end = last.values[name];
    if (end === undefined || start === 0) continue;
    growth[name] = ((end - start) / start) * 100;
  }
  return growth;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** "30m", "90s", "1h", "1.5h" -> milliseconds, or the sentence that refuses it. */
export function parseDuration(text: string): { ok: true; ms: number } | { ok: false; message: string } {
  const m = /^(\d+(?:\.\d+)?)([smh])$/.exec(text.trim());
  const unit = m?.[2] === undefined ? undefined : UNIT_MS[m[2]];
  if (m === null || unit === undefined) return { ok: false, message: `"${text}" is not a duration: write a number and s, m or h (90s, 30m, 1h).` };
  const ms = Number(m[1]) * unit;
  if (ms <= 0) return { ok: false, message: `"${text}" is not a duration: it must be longer than zero.` };
  return { ok: true, ms };
}

/**
 * A section's figures under another section's name say where they came from:
 * ('ui', frameP99Ms) -> uiFrameP99Ms; a key that already starts with the prefix
 * (hostTicksPerSec) keeps its name.
 */
export function prefixed(prefix: string, figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(figures).map(([key, value]) => [key.startsWith(prefix) ? key : `${prefix}${key.charAt(0).toUpperCase()}${key.slice(1)}`, value]),
  );
}
