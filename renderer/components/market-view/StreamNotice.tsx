// What a market-view panel says when its stream is not flowing: the symbol
// could not be held, IB refused the stream (e.g. 309 too many depth requests,
// 162 pacing), no account is connected yet, or only accounts whose broker
// offers no such stream are (Webull: the sentence says where it comes from).

import type { StreamKind } from '../../../shared/market-view';
import { useConnections, useSettings } from '../../stores/broker-state';
import { useMarketView } from '../../stores/market-view';
import { panelLackSentence } from './stream-lack';
import type { HeldStream } from './use-stream';

export function StreamNotice({ held, kind }: { held: HeldStream; kind: StreamKind }) {
  const status = useMarketView((s) => (held.key ? s.status[held.key] : undefined));
  const connections = useConnections((s) => s.byAccount);
  const settings = useSettings((s) => s.settings);
  if (held.error) return <p className="msg-error mv-notice" role="alert">{held.error}</p>;
  if (status?.state === 'live') return null;
  const lack = panelLackSentence(kind, connections, settings);
  if (lack) return <p className="msg-info mv-notice" role="status">{lack}</p>;
  if (!status) return null;
  if (status.state === 'waiting') return <p className="msg-info mv-notice" role="status">Waiting: {status.message}</p>;
  return (
    <p className="msg-error mv-notice" role="alert">
      Refused by IB{status.code !== null ? ` (${status.code})` : ''}: {status.message}
    </p>
  );
}
