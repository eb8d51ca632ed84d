import { hidePanel, jumpToPanel, resetLayout, useDock } from './dock';
import { PANELS } from './panel-registry';

/** Every panel by name (shown or hidden), Reset layout, and what the layout last had to say. */
export function WorkspaceBar() {
  const shown = useDock((s) => s.shown);
  const notice = useDock((s) => s.notice);
  return (
    <nav className="workspace-bar" aria-label="Panels">
      {PANELS.map((p) => {
        const visible = shown.includes(p.id);
        return (
          <span key={p.id} className="panel-chip">
            <button type="button" className="chip" title={`Alt+${p.jumpKey}`} aria-label={`Show ${p.title}`} onClick={() => jumpToPanel(p.id)}>
              {p.title}
              <kbd>{p.jumpKey}</kbd>
            </button>
            {visible && (
              <button type="button" className="chip chip-hide" aria-label={`Hide ${p.title}`} title={`Hide ${p.title}`} onClick={() => hidePanel(p.id)}>
                ×
              </button>
            )}
          </span>
        );
      })}
      <button type="button" className="chip" onClick={resetLayout}>
        Reset layout
      </button>
      {notice && (
        <span className="msg-error" role="status" aria-label="Layout message">
          {notice}
        </span>
      )}
    </nav>
  );
}
