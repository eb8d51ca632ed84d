// A session's state in the three layers a trader reads, as short words.
// Pure, so the bar's wording is unit-tested without rendering.

import type { ConnectionState, FarmStatus } from '../../shared/model';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export interface LayerText {
  text: string;
  tone: Tone;
}

export function socketText(c: ConnectionState, now: number): LayerText {
  switch (c.socket) {
    case 'connected':
      return { text: c.readyForOrders ? 'connected' : 'connected, waiting for order ids', tone: c.readyForOrders ? 'ok' : 'warn' };
    case 'connecting':
      return { text: 'connecting…', tone: 'warn' };
    case 'reconnecting': {
      if (c.reconnectAt === null) return { text: `reconnecting…${c.error ? ` (${c.error})` : ''}`, tone: 'warn' };
      const seconds = Math.max(0, Math.ceil((c.reconnectAt - now) / 1000));
      return { text: `reconnecting in ${seconds} s${c.error ? ` (${c.error})` : ''}`, tone: 'warn' };
    }
    case 'error':
      return { text: `error: ${c.error ?? 'unknown reason'}`, tone: 'bad' };
    case 'disconnected':
      return { text: c.error ? `disconnected: ${c.error}` : 'disconnected', tone: c.error ? 'bad' : 'idle' };
  }
}

export function ibLinkText(c: ConnectionState): LayerText {
  if (c.socket !== 'connected') return { text: 'IB link —', tone: 'idle' };
  switch (c.ibLink) {
    case 'up':
      return { text: 'IB link up', tone: 'ok' };
    case 'down':
      return { text: 'IB link lost (1100)', tone: 'bad' };
    case 'unknown':
      return { text: 'IB link ?', tone: 'idle' };
  }
}

/** Connected but TWS silent with a ping unanswered: orders are refused meanwhile. Null while it answers. */
export function doubtText(c: ConnectionState, now: number): LayerText | null {
  if (c.socket !== 'connected' || c.silentSince === null || c.silentSince === undefined) return null;
  const seconds = Math.max(0, Math.floor((now - c.silentSince) / 1000));
  return { text: `IB not answering ${seconds} s`, tone: 'bad' };
}

export function farmsText(farms: readonly FarmStatus[], socketUp: boolean): LayerText {
  if (!socketUp) return { text: 'data farms —', tone: 'idle' };
  const market = farms.filter((f) => f.kind === 'market');
  if (market.length === 0) return { text: 'data farms ?', tone: 'idle' };
  const broken = market.filter((f) => !f.ok).map((f) => f.name);
  if (broken.length === 0) return { text: `data farms OK (${market.map((f) => f.name).join(', ')})`, tone: 'ok' };
  return { text: `data farm broken: ${broken.join(', ')}`, tone: 'bad' };
}
