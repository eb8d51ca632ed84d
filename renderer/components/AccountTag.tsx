import { useConnections } from '../stores/broker-state';

/** An account id as shown anywhere, with the demo's SIMULATED mark. */
export function AccountTag({ account }: { account: string }) {
  const simulated = useConnections((s) => s.byAccount[account]?.simulated ?? false);
  return (
    <span className="account-tag">
      {account}
      {simulated && <SimBadge />}
    </span>
  );
}

export function SimBadge() {
  return (
    <span className="badge badge-sim" title="Embedded simulator: no real orders">
      SIMULATED
    </span>
  );
}
