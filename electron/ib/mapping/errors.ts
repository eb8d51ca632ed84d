// Every IB message code -> a log level and what the session must do about it.
// IB sends id -1 messages as `info` and the rest as `error` (research D5); the
// session feeds both here, so behaviour depends on the code, never on which
// event happened to carry it.

import type { FarmKind, LogLevel } from '../../../shared/model';

export type IbMessageEffect =
  /** Data farm status: ok = usable (2104/2106/2158, idle 2107/2108, connecting 2119). */
  | { kind: 'farm'; name: string; farm: FarmKind; ok: boolean }
  /** TWS <-> IB link: 1100 down, 1101 back with data lost, 1102 back with data kept. */
  | { kind: 'link'; state: 'down' | 'restored-data-lost' | 'restored' }
  | { kind: 'client-id-in-use' }
  | { kind: 'unsupported-version' }
  /** The order is dead: show IB's text on it. */
  | { kind: 'order-rejected'; orderId: number }
  | { kind: 'order-cancelled'; orderId: number }
  /** A cancel (or modify) was refused; the order itself keeps its state (it may have filled). */
  | { kind: 'cancel-rejected'; orderId: number }
  /** 10349: IB changed the TIF to DAY; the order still works. */
  | { kind: 'tif-changed'; orderId: number; tif: 'DAY' }
  /** Non-fatal order warning (399, 2109): log only. */
  | { kind: 'order-warning'; orderId: number }
  /** No live permission: switch that stream to delayed data. */
  | { kind: 'market-data-delayed-needed'; reqId: number }
  /** 10167: the stream already serves delayed data; mark it. */
  | { kind: 'market-data-delayed'; reqId: number }
  /** 10090: part of the data is not subscribed; the stream keeps going. */
  | { kind: 'market-data-partial'; reqId: number }
  /** 200: no security definition (lookup answers "no match"). */
  | { kind: 'contract-not-found'; reqId: number }
  /** A request-level failure for a request id (321, 322, 162, 366...). */
  | { kind: 'request-failed'; reqId: number }
  | { kind: 'pacing' }
  /** Client-side socket trouble (502 refused/failed, 504 not connected, 505/507-509 protocol). */
  | { kind: 'socket'; problem: 'connect-failed' | 'not-connected' | 'protocol' }
  /** 1300: TWS moved its API port; the message names the new one. */
  | { kind: 'port-reset' }
  | { kind: 'none' };

export interface IbMessageClass {
  level: LogLevel;
  effect: IbMessageEffect;
}

function farmName(text: string): string {
  // "Market data farm connection is OK:usfarm", "... available upon demand.ushmds"
  const m = /(?::|demand\.)\s*([A-Za-z0-9_.-]+)\s*$/.exec(text);
  return m?.[1] ?? '';
}

const FARM: Readonly<Record<number, { farm: FarmKind; ok: boolean; level: LogLevel }>> = {
  2104: { farm: 'market', ok: true, level: 'debug' },
  2108: { farm: 'market', ok: true, level: 'debug' },
  2119: { farm: 'market', ok: true, level: 'debug' },
  2106: { farm: 'historical', ok: true, level: 'debug' },
  2107: { farm: 'historical', ok: true, level: 'debug' },
  2158: { farm: 'secdef', ok: true, level: 'debug' },
  2103: { farm: 'market', ok: false, level: 'warn' },
  2105: { farm: 'historical', ok: false, level: 'warn' },
  2157: { farm: 'secdef', ok: false, level: 'warn' },
};

const ORDER_REJECT = new Set([103, 110, 201, 387]);
// Cancel and modify refusals (104 filled, 105 modify does not match, 161, 10147, 10148).
const CANCEL_REJECT = new Set([104, 105, 161, 10147, 10148]);
const REQUEST_FAILED = new Set([162, 321, 322, 366]);
// IB's informational warnings: keep for the log, change nothing.
const BENIGN_INFO = new Set([300, 2150]);

export function classifyIbMessage(code: number, id: number, text: string): IbMessageClass {
  const farm = FARM[code];
  if (farm) return { level: farm.level, effect: { kind: 'farm', name: farmName(text), farm: farm.farm, ok: farm.ok } };
  switch (code) {
    case 1100:
      return { level: 'error', effect: { kind: 'link', state: 'down' } };
    case 1101:
      return { level: 'warn', effect: { kind: 'link', state: 'restored-data-lost' } };
    case 1102:
      return { level: 'info', effect: { kind: 'link', state: 'restored' } };
    case 1300:
      return { level: 'error', effect: { kind: 'port-reset' } };
    case 326:
      return { level: 'error', effect: { kind: 'client-id-in-use' } };
    case 503:
    case 506:
      return { level: 'error', effect: { kind: 'unsupported-version' } };
    case 502:
      return { level: 'error', effect: { kind: 'socket', problem: 'connect-failed' } };
    case 504:
      return { level: 'warn', effect: { kind: 'socket', problem: 'not-connected' } };
    case 505:
    case 507:
    case 508:
    case 509:
      return { level: 'error', effect: { kind: 'socket', problem: 'protocol' } };
    case 100:
      return { level: 'warn', effect: { kind: 'pacing' } };
    case 200:
      return { level: 'warn', effect: { kind: 'contract-not-found', reqId: id } };
    case 202:
      return { level: 'info', effect: { kind: 'order-cancelled', orderId: id } };
    case 10349:
      return { level: 'warn', effect: { kind: 'tif-changed', orderId: id, tif: 'DAY' } };
    case 399:
    case 2109:
      return { level: 'warn', effect: { kind: 'order-warning', orderId: id } };
    case 354:
    case 10089:
    case 10168:
      return { level: 'warn', effect: { kind: 'market-data-delayed-needed', reqId: id } };
    case 10167:
      return { level: 'info', effect: { kind: 'market-data-delayed', reqId: id } };
    case 10090:
      return { level: 'warn', effect: { kind: 'market-data-partial', reqId: id } };
  }
  if (ORDER_REJECT.has(code)) return { level: 'error', effect: { kind: 'order-rejected', orderId: id } };
  if (CANCEL_REJECT.has(code)) return { level: 'warn', effect: { kind: 'cancel-rejected', orderId: id } };
  if (REQUEST_FAILED.has(code)) return { level: 'error', effect: { kind: 'request-failed', reqId: id } };
  if (BENIGN_INFO.has(code)) return { level: 'info', effect: { kind: 'none' } };
  // IB's 2100-2999 range is warnings; everything else unknown is treated as an error worth reading.
  if (code >= 2100 && code < 3000) return { level: 'warn', effect: { kind: 'none' } };
  return { level: 'error', effect: { kind: 'none' } };
}
