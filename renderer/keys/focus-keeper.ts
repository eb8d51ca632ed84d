// Focus never falls to the page body after an action: when the focused control goes
// away (a quote row removed, an order moving to Completed, a panel hidden), focus moves
// to the same row if it came back, else to the panel it was in, else the command line.

import { COMMAND_LINE_ID } from '../components/CommandLine';
import { focusTarget } from '../layout/dock';
import { panelById } from '../layout/panel-registry';

const ROW_KEYS = ['data-order-key', 'data-symbol', 'data-exec-id'];

function replacementFor(panelId: string | null, rowKey: [string, string] | null): HTMLElement | null {
  const slot = panelId ? document.querySelector<HTMLElement>(`[data-panel-id="${panelId}"]`) : null;
  if (slot && rowKey) {
    const same = slot.querySelector<HTMLElement>(`[${rowKey[0]}="${CSS.escape(rowKey[1])}"][tabindex]`);
    if (same) return same;
  }
  const entry = panelId ? panelById(panelId) : undefined;
  const region = slot?.querySelector<HTMLElement>('section') ?? null;
  if (region && entry) return focusTarget(region, entry);
  return document.getElementById(COMMAND_LINE_ID);
}

interface Remembered {
  el: HTMLElement;
  panelId: string | null;
  rowKey: [string, string] | null;
}

/**
 * Chromium fires no blur when a focused element is removed, so the keeper remembers the
 * last focused control and, whenever nodes leave the page, checks whether it went with them.
 */
export function installFocusKeeper(root: HTMLElement, doc: Document = document): () => void {
  let last: Remembered | null = null;
  const onFocusIn = (e: FocusEvent): void => {
    const el = e.target;
    if (!(el instanceof HTMLElement)) return;
    const attr = ROW_KEYS.find((a) => el.hasAttribute(a));
    last = {
      el,
      panelId: el.closest<HTMLElement>('[data-panel-id]')?.dataset.panelId ?? null,
      rowKey: attr ? [attr, el.getAttribute(attr) ?? ''] : null,
    };
  };
  const check = (): void => {
    if (!last || last.el.isConnected) return;
    if (doc.activeElement && doc.activeElement !== doc.body) return;
    const gone = last;
    last = null;
    replacementFor(gone.panelId, gone.rowKey)?.focus();
  };
  const observer = new MutationObserver(check);
  observer.observe(root, { childList: true, subtree: true });
  doc.addEventListener('focusin', onFocusIn, true);
  return () => {
    observer.disconnect();
    doc.removeEventListener('focusin', onFocusIn, true);
  };
}
