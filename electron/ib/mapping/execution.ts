// Execution (+ CommissionReport, which IB sends separately and later) -> Fill.

import type { CommissionReport, Contract, Execution } from '@stoqey/ib';
import type { Fill, Side } from '../../../shared/model';

export function mapExecutionSide(side: string | undefined): Side | null {
  if (side === 'BOT' || side === 'BUY') return 'BUY';
  if (side === 'SLD' || side === 'SELL') return 'SELL';
  return null;
}

// Abbreviations TWS prints that are not IANA zone ids.
const ZONE_ALIASES: Readonly<Record<string, string>> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  ET: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  GMT: 'UTC',
  UTC: 'UTC',
  Z: 'UTC',
};

const TIME_RE = /^(\d{4})(\d{2})(\d{2})(?:\s+|-)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/;

/** Offset (ms) of an IANA zone from UTC at a given instant, via Intl; null for an unknown zone. */
function zoneOffsetMs(zone: string, utcMs: number): number | null {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - utcMs;
}

/**
 * IB's execution time, `yyyymmdd  hh:mm:ss[ zone]` (one or more spaces) or the
 * UTC form `yyyymmdd-hh:mm:ss`, to epoch ms. Without a zone the time is read
 * as UTC (what the API sends when TWS is set to UTC and what the dash form
 * means). null when the text is not a time.
 */
export function parseIbTime(text: string): number | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zoneText] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wall).getUTCDate() !== day) return null; // 20240231 and friends
  if (!zoneText) return wall;
  const zone = ZONE_ALIASES[zoneText] ?? zoneText;
  // Two passes settle the offset across a DST change.
  const first = zoneOffsetMs(zone, wall);
  if (first === null) return null;
  const second2 = zoneOffsetMs(zone, wall - first);
  return wall - (second2 ?? first);
}

/**
 * One execution as a Fill, or a reason it was not usable. `time` falls back to
 * `now` when IB's time text cannot be read: a fill with a wrong second is
 * better than a lost fill.
 */
export function executionToFill(
  account: string,
  contract: Contract,
  execution: Execution,
  commission: number | null,
  now: number,
): { fill: Fill; timeUnreadable: boolean } | { skip: string } {
  const execId = execution.execId;
  if (!execId) return { skip: 'execution without execId' };
  const side = mapExecutionSide(execution.side);
  if (!side) return { skip: `execution ${execId} has side ${String(execution.side)}` };
  const quantity = execution.shares;
  const price = execution.price;
  if (quantity === undefined || !Number.isFinite(quantity) || quantity <= 0) return { skip: `execution ${execId} has no share count` };
  if (price === undefined || !Number.isFinite(price) || price <= 0) return { skip: `execution ${execId} has no price` };
  const parsed = execution.time ? parseIbTime(execution.time) : null;
  return {
    fill: {
      execId,
      account,
      orderId: execution.orderId ?? 0,
      permId: execution.permId ?? 0,
      symbol: contract.symbol ?? '',
      conId: contract.conId ?? 0,
      side,
      quantity,
      price,
      exchange: execution.exchange ?? '',
      commission,
      time: parsed ?? now,
    },
    timeUnreadable: parsed === null,
  };
}

/** The commission in a report, or null when IB sent its "unset" value. */
export function commissionOf(report: CommissionReport): number | null {
  const c = report.commission;
  return c !== undefined && Number.isFinite(c) && Math.abs(c) < 1e300 ? c : null;
}
