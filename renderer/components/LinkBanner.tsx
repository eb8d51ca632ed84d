import { useClock, useLinkStatus } from '../stores/ui';
import { useSession } from '../stores/wire';

/** Shown while the page has no link to the workstation host (browser mode). */
export function LinkBanner() {
  const status = useLinkStatus((s) => s.status);
  const now = useClock((s) => (status.state === 'down' ? s.now : 0));
  const snapshotError = useSession((s) => s.snapshotError);
  if (status.state === 'open') {
    if (!snapshotError) return null;
    return (
      <div className="banner banner-warn" role="alert">
        Could not load the workstation state: {snapshotError} (retrying)
      </div>
    );
  }
  if (status.state === 'connecting' && status.failures === 0) {
    return (
      <div className="banner banner-info" role="status">
        Connecting to the workstation host…
      </div>
    );
  }
  const seconds = status.retryAt === null ? null : Math.max(0, Math.ceil((status.retryAt - now) / 1000));
  return (
    <div className="banner banner-bad" role="alert" aria-label="UI link">
      UI link lost{status.reason ? `: ${status.reason}` : ''}.{' '}
      {status.state === 'connecting' ? 'Reconnecting…' : seconds !== null ? `Retrying in ${seconds} s.` : ''} Orders cannot be sent
      until it is back.
    </div>
  );
}
