// Shared set-up for the IB adapter's integration tests: a real simulator, a
// real @stoqey/ib client inside IbSession, a listener that records everything
// the host would see, and a ManualScheduler for the session's timers.

import type { IBApi } from '@stoqey/ib';
import { IBApi as RealIBApi } from '@stoqey/ib';
import type { BrokerListener, BrokerOrderUpdate, BrokerSessionStatus } from '../../../electron/host/broker';
import { IbSession, type IbSessionOptions } from '../../../electron/ib';
import type { AccountValue, Fill, LogLevel, Order, Position, QuoteField } from '../../../shared/model';
import { ManualScheduler } from '../../helpers/manual-scheduler';

export interface LogLine {
  level: LogLevel;
  code: number | null;
  message: string;
}

export class Recorder implements BrokerListener {
  statuses: BrokerSessionStatus[] = [];
  ticks: { conId: number; field: QuoteField; value: number }[] = [];
  modes: { conId: number; delayed: boolean }[] = [];
  orderUpdates: BrokerOrderUpdate[] = [];
  fills: Fill[] = [];
  positions: Position[] = [];
  accounts: (Pick<AccountValue, 'account'> & Partial<AccountValue>)[] = [];
  logs: LogLine[] = [];

  onStatus(status: BrokerSessionStatus): void {
    this.statuses.push(status);
  }
  onTick(conId: number, field: QuoteField, value: number): void {
    this.ticks.push({ conId, field, value });
  }
  onQuoteMode(conId: number, delayed: boolean): void {
    this.modes.push({ conId, delayed });
  }
  onOrder(update: BrokerOrderUpdate): void {
    this.orderUpdates.push(update);
  }
  onFill(fill: Fill): void {
    this.fills.push(fill);
  }
  onPosition(position: Position): void {
    this.positions.push(position);
  }
  onAccount(values: Pick<AccountValue, 'account'> & Partial<AccountValue>): void {
    this.accounts.push(values);
  }
  onLog(level: LogLevel, code: number | null, message: string): void {
    this.logs.push({ level, code, message });
  }

  lastStatus(): BrokerSessionStatus | undefined {
    return this.statuses[this.statuses.length - 1];
  }

  /** The order row as the host would hold it after merging every update. */
  order(orderId: number): Partial<Order> {
    const row: Partial<Order> = {};
    for (const u of this.orderUpdates) if (u.orderId === orderId) Object.assign(row, u);
    return row;
  }

  statusesOf(orderId: number): string[] {
    return this.orderUpdates.filter((u) => u.orderId === orderId && u.status).map((u) => u.status as string);
  }
}

/** Waits for socket I/O (never for timers: those run on the ManualScheduler). */
export async function until(what: string, predicate: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Harness {
  session: IbSession;
  rec: Recorder;
  scheduler: ManualScheduler;
  /** Every message the client wrote, as its token arrays (msg id first). */
  sent: unknown[][];
  /** currentTime answers received (liveness ping replies). */
  pongs: () => number;
  /** nextValidId messages received. */
  nextIds: () => number;
  /** Every client the session made, one per connect. */
  apis: IBApi[];
}

export function makeSession(
  port: number,
  clientId: number,
  options: IbSessionOptions = {},
  accountCode = '',
): Harness {
  const rec = new Recorder();
  const scheduler = new ManualScheduler(1_700_000_000_000);
  const sent: unknown[][] = [];
  const apis: IBApi[] = [];
  let pongs = 0;
  let nextIds = 0;
  const session = new IbSession(
    { account: 'main', host: '127.0.0.1', port, clientId, accountCode },
    { listener: rec, scheduler },
    {
      ...options,
      createApi: (o): IBApi => {
        const api = new RealIBApi(o);
        apis.push(api);
        api.on('sent' as never, (tokens: unknown[]) => sent.push(tokens));
        api.on('currentTime' as never, () => pongs++);
        api.on('nextValidId' as never, () => nextIds++);
        return api;
      },
    },
  );
  return { session, rec, scheduler, sent, pongs: () => pongs, nextIds: () => nextIds, apis };
}

/** REQ_MKT_DATA (msg id 1) requests the client sent for a conId. */
export function marketDataRequests(sent: unknown[][], conId: number): number {
  return sent.filter((t) => Number(t[0]) === 1 && Number(t[3]) === conId).length;
}
