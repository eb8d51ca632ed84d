import { useEffect, useState, type KeyboardEvent } from 'react';
import type { TimeInForce } from '../../shared/model';
import { useBridge } from '../bridge/context';
import { checkMargin } from '../orders/what-if';
import { useInstruments, useOrders, useSettings } from '../stores/broker-state';
import { useQuotes } from '../stores/quotes';
import { useFeedback, useTicket } from '../stores/ui';
import { useWhatIf } from '../stores/what-if';
import { defaultAccount, useAccountChoices } from './accounts';
import { Feedback } from './Feedback';
import { TicketBracketFields } from './TicketBracketFields';
import { TicketModifyHeader } from './TicketModifyHeader';
import { TicketPriceFields } from './TicketPriceFields';
import { previewModify, previewNewOrder, type TicketPreview } from './ticket-preview';
import { readModify, readTicket } from './ticket-read';
import { sendTicket, sessionClientId } from './ticket-send';
import { whatIfLack } from './what-if-text';
import { WhatIfResult } from './WhatIfResult';

export const TICKET_SYMBOL_ID = 'ticket-symbol';

/** Settings' default TIF and quantity become the ticket's starting values. */
function useTicketDefaults(): void {
  const tif = useSettings((s) => s.settings?.defaults.tif);
  const quantity = useSettings((s) => s.settings?.defaults.quantity);
  useEffect(() => {
    if (tif === undefined || quantity === undefined) return;
    useTicket.getState().setDefaults({ tif, quantity: String(quantity) });
  }, [tif, quantity]);
}

/** The preview of what Send would do now, recomputed as fields, quotes and rows change. */
function useTicketPreview(): TicketPreview {
  const fields = useTicket((s) => s.fields);
  const modify = useTicket((s) => s.modify);
  const order = useOrders((s) => (modify ? s.byKey[modify.key] : undefined));
  const symbol = order?.symbol ?? fields.symbol.trim().toUpperCase();
  const instrument = useInstruments((s) => s.bySymbol[symbol]);
  const quote = useQuotes((s) => s.bySymbol[symbol]);
  const settings = useSettings((s) => s.settings);
  const inputs = { instrument, settings, quote };
  if (!modify) return previewNewOrder(readTicket(fields), inputs);
  return previewModify(order, modify.orderId, sessionClientId(order?.account ?? fields.account), readModify(fields), inputs);
}

/**
 * The preview and its warning, on their own: they follow the quote every frame, and
 * the rest of the ticket (fields, selects, buttons) must not re-render with them.
 */
function TicketPreviewLines() {
  const preview = useTicketPreview();
  return (
    <>
      <output className={`preview ${preview.ok ? '' : 'muted'}`} aria-label="Ticket preview">
        {preview.text}
      </output>
      {preview.warning && (
        <p className="preview-warning" role="note" aria-label="Ticket warning">
          Warning: {preview.warning}
        </p>
      )}
    </>
  );
}

export function OrderTicket() {
  const bridge = useBridge();
  const fields = useTicket((s) => s.fields);
  const modifying = useTicket((s) => s.modify !== null);
  const set = useTicket((s) => s.set);
  const choices = useAccountChoices();
  const preferred = useSettings((s) => s.settings?.defaults.account ?? null);
  const [sending, setSending] = useState(false);
  const noMarginCheck = useSettings((s) => whatIfLack(s.settings, fields.account));
  useTicketDefaults();

  // Preselect the default account once accounts are known, and move off an
  // account that disappeared from settings.
  const fallback = defaultAccount(choices, preferred);
  useEffect(() => {
    if (fallback !== '' && !choices.some((c) => c.id === fields.account)) set({ account: fallback });
  }, [fallback, choices, fields.account, set]);

  const send = async (): Promise<void> => {
    if (sending) return;
    setSending(true);
    try {
      await sendTicket(bridge);
      useWhatIf.getState().set('ticket', null);
    } finally {
      setSending(false);
    }
  };

  const reset = (): void => {
    const ticket = useTicket.getState();
    if (ticket.modify) ticket.endModify();
    else ticket.clear();
    useFeedback.getState().show('ticket', null);
    useWhatIf.getState().set('ticket', null);
  };

  // TWS's Check Margin: what the order would do, nothing sent (Ctrl+Enter or the button).
  // A bracket's margin is its entry's: the children only ever close it.
  const check = (): void => {
    const r = readTicket(useTicket.getState().fields);
    if (!r.ok) {
      useFeedback.getState().show('ticket', { kind: 'error', text: `Order Error: ${r.reason}` });
      return;
    }
    const order = r.group.kind === 'single' ? r.group.order : r.group.kind === 'bracket' ? r.group.entry : r.group.legs[0];
    if (order) void checkMargin(bridge, order, 'ticket');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      check();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      reset();
    } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      // Enter sends from any field, selects included (they don't submit forms by themselves).
      e.preventDefault();
      void send();
    }
  };

  return (
    <section className={`panel ticket ${modifying ? 'modifying' : ''}`} aria-label="Order ticket">
      <TicketModifyHeader />
      <form
        className={`ticket-form side-${fields.side.toLowerCase()}`}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
        onKeyDown={onKeyDown}
      >
        <label>
          <span>Account</span>
          <select aria-label="Account" value={fields.account} disabled={modifying} onChange={(e) => set({ account: e.target.value })}>
            {choices.length === 0 && <option value="">no account</option>}
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.simulated ? ' (SIMULATED)' : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="side-toggle" role="group" aria-label="Side">
          <button type="button" className="buy" aria-pressed={fields.side === 'BUY'} disabled={modifying} onClick={() => set({ side: 'BUY' })}>
            Buy
          </button>
          <button type="button" className="sell" aria-pressed={fields.side === 'SELL'} disabled={modifying} onClick={() => set({ side: 'SELL' })}>
            Sell
          </button>
        </div>
        <label>
          <span>Symbol</span>
          <input id={TICKET_SYMBOL_ID} aria-label="Symbol" value={fields.symbol} readOnly={modifying} spellCheck={false} autoComplete="off" onChange={(e) => set({ symbol: e.target.value })} />
        </label>
        <label>
          <span>Quantity</span>
          <input aria-label="Quantity" className="num" inputMode="numeric" value={fields.quantity} autoComplete="off" onChange={(e) => set({ quantity: e.target.value })} />
        </label>
        <TicketPriceFields modifying={modifying} />
        <label>
          <span>TIF</span>
          <select aria-label="Time in force" value={fields.tif} onChange={(e) => set({ tif: e.target.value as TimeInForce })}>
            <option value="GTC">GTC</option>
            <option value="DAY">DAY</option>
          </select>
        </label>
        {!modifying && <TicketBracketFields />}
        <TicketPreviewLines />
        <div className="ticket-actions">
          <button type="submit" className={`send ${fields.side === 'BUY' ? 'buy' : 'sell'}`} disabled={sending}>
            {modifying ? 'Send modify' : 'Send'}
          </button>
          <button type="button" className="check-margin" onClick={check} disabled={modifying || noMarginCheck !== null} title={noMarginCheck ?? 'What the order would do to margin; nothing is sent (Ctrl+Enter)'}>
            Check margin
          </button>
          <button type="button" onClick={reset}>
            {modifying ? 'Leave modify' : 'Clear'}
          </button>
        </div>
        <WhatIfResult origin="ticket" lack={noMarginCheck} />
        <Feedback origin="ticket" />
      </form>
    </section>
  );
}
