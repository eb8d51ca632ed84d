import { useEffect, useRef } from 'react';
import { COMMAND_LINE_HINT } from '../components/CommandLine';
import { PANELS } from '../layout/panel-registry';
import { workspaceOf } from '../layout/workspace-state';
import { useSettings } from '../stores/broker-state';
import { useKeyOverlay } from './global-keys';

/** The workstation's own keys, beside the trader's hotkeys. */
export const FIXED_KEYS: readonly [string, string][] = [
  ['F1 or ?', 'show / hide this list of keys'],
  [COMMAND_LINE_HINT, 'focus the command line'],
  ['Enter / Esc', 'send / clear (command line and ticket); Enter on a quote row picks it'],
  ['Up / Down', 'recall earlier command lines; move between rows'],
  ['B / S', 'ticket side buy / sell (not in text fields, selects or lists)'],
  ['Delete', 'on an order row: cancel that order · on a quote row: remove the symbol from the watchlist'],
  ['Ctrl+,', 'settings (hotkeys are on its Hotkeys page)'],
];

export function KeyOverlay() {
  const open = useKeyOverlay((s) => s.open);
  const hide = useKeyOverlay((s) => s.hide);
  const hotkeys = useSettings((s) => workspaceOf(s.settings).hotkeys);
  const close = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (!open) return;
    const back = document.activeElement;
    close.current?.focus();
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onClick={hide}>
      <div className="modal key-overlay" role="dialog" aria-modal="true" aria-label="Keys" onClick={(e) => e.stopPropagation()}>
        <h2>Keys</h2>
        <div className="key-columns">
          <table className="grid-table" aria-label="Workstation keys">
            <tbody>
              {FIXED_KEYS.map(([k, what]) => (
                <tr key={k}>
                  <th scope="row"><kbd>{k}</kbd></th>
                  <td>{what}</td>
                </tr>
              ))}
              {PANELS.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><kbd>Alt+{p.jumpKey}</kbd></th>
                  <td>jump to {p.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="grid-table" aria-label="Hotkeys">
            <tbody>
              {hotkeys.map((h) => (
                <tr key={h.chord}>
                  <th scope="row"><kbd>{h.chord}</kbd></th>
                  <td className="mono">{h.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="modal-actions">
          <button ref={close} type="button" onClick={hide}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
