import { useShallow } from 'zustand/react/shallow';
import { useConnections } from '../stores/broker-state';
import { useClock } from '../stores/ui';
import { SimBadge } from './AccountTag';
import { doubtText, farmsText, ibLinkText, socketText, type LayerText } from './connection-text';
import { useSettingsDialog } from './settings/open-state';

function Layer({ label, layer }: { label: string; layer: LayerText }) {
  return (
    <span className={`layer tone-${layer.tone}`} aria-label={`${label}: ${layer.text}`}>
      <span className="dot" aria-hidden="true" />
      {layer.text}
    </span>
  );
}

function SessionChip({ account }: { account: string }) {
  const c = useConnections((s) => s.byAccount[account]);
  // Only a session counting down, or counting silence, needs the ticking clock.
  const now = useClock((s) => (c?.socket === 'reconnecting' || (c?.silentSince ?? null) !== null ? s.now : 0));
  if (!c) return null;
  const socket = socketText(c, now);
  const doubt = doubtText(c, now);
  return (
    <li className="session" data-account={c.account} aria-label={`Account ${c.name}`}>
      <span className="session-name">
        {c.name}
        {c.accountCode ? <span className="muted"> {c.accountCode}</span> : null}
      </span>
      {c.simulated && <SimBadge />}
      <Layer label="TWS socket" layer={socket} />
      {doubt && <Layer label="Liveness" layer={doubt} />}
      <Layer label="IB link" layer={ibLinkText(c)} />
      <Layer label="Market data" layer={farmsText(c.farms, c.socket === 'connected')} />
    </li>
  );
}

export function ConnectionBar() {
  const accounts = useConnections(useShallow((s) => Object.keys(s.byAccount).sort()));
  return (
    <section className="connection-bar" aria-label="Connection bar">
      <span className="brand">Janus</span>
      {accounts.length === 0 ? (
        <span className="muted">No accounts</span>
      ) : (
        <ul className="sessions">
          {accounts.map((a) => (
            <SessionChip key={a} account={a} />
          ))}
        </ul>
      )}
      <button type="button" className="settings-open" title="Settings (Ctrl+,)" onClick={() => useSettingsDialog.getState().show()}>
        Settings
      </button>
    </section>
  );
}
