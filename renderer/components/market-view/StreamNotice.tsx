// What a market-view panel says when its stream is not flowing: the symbol
// could not be held, IB refused the stream (e.g. 309 too many depth requests,
// 162 pacing), or no account is connected yet.

import { useMarketView } from '../../stores/market-view';
import type { HeldStream } from './use-stream';

export function StreamNotice({ held }: { held: HeldStream }) {
  const status = useMarketView((s) => (held.key ? s.status[held.key] : undefined));
  if (held.error) return <p className="msg-error mv-notice" role="alert">{held.error}</p>;
  if (!status || status.state === 'live') return null;
  if (status.state === 'waiting') return <p className="msg-info mv-notice" role="status">Waiting: {status.message}</p>;
  return (
    <p className="msg-error mv-notice" role="alert">
      Refused by IB{status.code !== null ? ` (${status.code})` : ''}: {status.message}
    </p>
  );
}
