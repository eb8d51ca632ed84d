// IB's historical-data pacing rules, per client connection (IB documents them
// per TWS session): no identical request within 15 s; at most 6 requests for
// the same contract and data type within 2 s; at most 60 requests within
// 10 minutes. A request that breaks one is refused with 162 and IB's text.
// Pure apart from the clock passed in.

export const PACING_VIOLATION = 'Historical Market Data Service error message:Historical data request pacing violation';

const IDENTICAL_MS = 15_000;
const SAME_CONTRACT_MS = 2_000;
const SAME_CONTRACT_MAX = 6;
const WINDOW_MS = 600_000;
const WINDOW_MAX = 60;

interface Sent {
  at: number;
  identity: string;
  contract: string;
}

export interface HistoricalRequestShape {
  conId: number;
  whatToShow: string;
  barSize: string;
  duration: string;
  endDateTime: string;
  useRth: boolean;
}

export class HistoricalPacing {
  private sent: Sent[] = [];

  /** Records the request and answers null, or the reason it breaks the rules (then it is not counted). */
  check(request: HistoricalRequestShape, now: number): string | null {
    this.sent = this.sent.filter((s) => now - s.at < WINDOW_MS);
    const contract = `${request.conId}|${request.whatToShow.toUpperCase()}`;
    const identity = `${contract}|${request.barSize}|${request.duration}|${request.endDateTime}|${request.useRth ? 1 : 0}`;
    const identical = this.sent.some((s) => s.identity === identity && now - s.at < IDENTICAL_MS);
    const sameContract = this.sent.filter((s) => s.contract === contract && now - s.at < SAME_CONTRACT_MS).length;
    if (identical || sameContract >= SAME_CONTRACT_MAX || this.sent.length >= WINDOW_MAX) return PACING_VIOLATION;
    this.sent.push({ at: now, identity, contract });
    return null;
  }
}
