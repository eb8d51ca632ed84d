import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useConfirm } from '../stores/ui';

/** The one modal: Enter confirms, Esc cancels, focus stays inside while open. */
export function ConfirmDialog() {
  const request = useConfirm((s) => s.request);
  const answer = useConfirm((s) => s.answer);
  const confirmButton = useRef<HTMLButtonElement | null>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    if (!request) return;
    returnFocus.current = document.activeElement;
    confirmButton.current?.focus();
    return () => {
      const el = returnFocus.current;
      if (el instanceof HTMLElement) el.focus();
    };
  }, [request]);

  if (!request) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys never leak to the page behind the dialog (B/S, Delete, F2 …).
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      answer(false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      answer(!(e.target instanceof HTMLButtonElement && e.target.dataset.role === 'cancel'));
    } else if (e.key === 'Tab') {
      const buttons = [...e.currentTarget.querySelectorAll('button')];
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = buttons[(at + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length];
      if (next) {
        e.preventDefault();
        next.focus();
      }
    }
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={request.title} onKeyDown={onKeyDown}>
        <h2>{request.title}</h2>
        {request.lines.map((line, i) => (
          <p key={i} className={i === 0 ? 'modal-main' : ''}>
            {line}
          </p>
        ))}
        <div className="modal-actions">
          <button ref={confirmButton} type="button" className="primary" onClick={() => answer(true)}>
            {request.confirmLabel}
          </button>
          <button type="button" data-role="cancel" onClick={() => answer(false)}>
            Cancel
          </button>
        </div>
        <p className="hint">Enter confirms · Esc cancels</p>
      </div>
    </div>
  );
}
