import { useEffect, useState, type KeyboardEvent } from 'react';
import { describeOrder } from '../../shared/command-line';
import type { OrderType, TimeInForce } from '../../shared/model';
import { useBridge } from '../bridge/context';
import { submitOrder } from '../orders/submit';
import { stepPrice } from '../orders/price-step';
import { checkMargin } from '../orders/what-if';
import { needsLimit, needsStop, readTicket } from '../orders/ticket-order';
import { previewProblem } from '../orders/rules';
import { useInstruments, useSettings } from '../stores/broker-state';
import { useFeedback, useTicket } from '../stores/ui';
import { useWhatIf } from '../stores/what-if';
import { defaultAccount, useAccountChoices } from './accounts';
import { Feedback } from './Feedback';
import { WhatIfResult } from './WhatIfResult';

export const TICKET_SYMBOL_ID = 'ticket-symbol';

const TYPES: { value: OrderType; label: string }[] = [
  { value: 'market', label: 'Market' },
  { value: 'limit', label: 'Limit' },
  { value: 'stop', label: 'Stop' },
  { value: 'stop-limit', label: 'Stop limit' },
];

export function OrderTicket() {
  const bridge = useBridge();
  const fields = useTicket((s) => s.fields);
  const set = useTicket((s) => s.set);
  const clear = useTicket((s) => s.clear);
  const choices = useAccountChoices();
  const preferred = useSettings((s) => s.settings?.defaults.account ?? null);
  const [sending, setSending] = useState(false);

  // Preselect the default account once accounts are known, and move off an
  // account that disappeared from settings.
  const fallback = defaultAccount(choices, preferred);
  useEffect(() => {
    if (fallback !== '' && !choices.some((c) => c.id === fields.account)) set({ account: fallback });
  }, [fallback, choices, fields.account, set]);

  const read = readTicket(fields);
  const instrument = useInstruments((s) => (read.ok ? s.bySymbol[read.order.symbol] : undefined));
  const settings = useSettings((s) => s.settings);
  const warning = read.ok ? previewProblem(read.order, instrument, settings) : null;
  const preview = read.ok
    ? `${describeOrder(read.order)}${warning ? ` — ${warning}` : ''}`
    : read.incomplete
      ? `… ${read.reason}`
      : read.reason;

  const send = async (): Promise<void> => {
    if (sending) return;
    const r = readTicket(useTicket.getState().fields);
    if (!r.ok) {
      useFeedback.getState().show('ticket', { kind: 'error', text: `Order Error: ${r.reason}` });
      return;
    }
    setSending(true);
    try {
      const outcome = await submitOrder(bridge, r.order, 'ticket');
      if (outcome === 'sent') {
        clear({ side: r.order.side, type: r.order.type, tif: r.order.tif });
        useWhatIf.getState().set('ticket', null);
      }
    } finally {
      setSending(false);
    }
  };

  // TWS's Check Margin: what the order would do, nothing sent (Ctrl+Enter or the button).
  const check = (): void => {
    const r = readTicket(useTicket.getState().fields);
    if (!r.ok) {
      useFeedback.getState().show('ticket', { kind: 'error', text: `Order Error: ${r.reason}` });
      return;
    }
    void checkMargin(bridge, r.order, 'ticket');
  };

  // ArrowUp / ArrowDown in a price field: one tick of the instrument's market rule.
  const stepKey = (field: 'limit' | 'stop') => (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const next = stepPrice(fields[field], e.key === 'ArrowUp' ? 1 : -1, instrument);
    if (next === null) return;
    e.preventDefault();
    set({ [field]: next });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      check();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      clear();
      useFeedback.getState().show('ticket', null);
    } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      // Enter sends from any field, selects included (they don't submit forms by themselves).
      e.preventDefault();
      void send();
    }
  };

  return (
    <section className="panel ticket" aria-label="Order ticket">
      <header className="panel-head">
        <h2>Order ticket</h2>
        <span className="hint">B / S side · Enter send · Ctrl+Enter check margin · Esc clear</span>
      </header>
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
          <select aria-label="Account" value={fields.account} onChange={(e) => set({ account: e.target.value })}>
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
          <button type="button" className="buy" aria-pressed={fields.side === 'BUY'} onClick={() => set({ side: 'BUY' })}>
            Buy
          </button>
          <button type="button" className="sell" aria-pressed={fields.side === 'SELL'} onClick={() => set({ side: 'SELL' })}>
            Sell
          </button>
        </div>
        <label>
          <span>Symbol</span>
          <input id={TICKET_SYMBOL_ID} aria-label="Symbol" value={fields.symbol} spellCheck={false} autoComplete="off" onChange={(e) => set({ symbol: e.target.value })} />
        </label>
        <label>
          <span>Quantity</span>
          <input aria-label="Quantity" className="num" inputMode="numeric" value={fields.quantity} autoComplete="off" onChange={(e) => set({ quantity: e.target.value })} />
        </label>
        <label>
          <span>Type</span>
          <select aria-label="Order type" value={fields.type} onChange={(e) => set({ type: e.target.value as OrderType })}>
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {needsStop(fields.type) && (
          <label>
            <span>Stop</span>
            <input aria-label="Stop price" className="num" inputMode="decimal" value={fields.stop} autoComplete="off" onKeyDown={stepKey('stop')} onChange={(e) => set({ stop: e.target.value })} />
          </label>
        )}
        {needsLimit(fields.type) && (
          <label>
            <span>Limit</span>
            <input aria-label="Limit price" className="num" inputMode="decimal" value={fields.limit} autoComplete="off" onKeyDown={stepKey('limit')} onChange={(e) => set({ limit: e.target.value })} />
          </label>
        )}
        <label>
          <span>TIF</span>
          <select aria-label="Time in force" value={fields.tif} onChange={(e) => set({ tif: e.target.value as TimeInForce })}>
            <option value="GTC">GTC</option>
            <option value="DAY">DAY</option>
          </select>
        </label>
        <output className={`preview ${read.ok && !warning ? '' : 'muted'}`} aria-label="Ticket preview">
          {preview}
        </output>
        <div className="ticket-actions">
          <button type="submit" className={`send ${fields.side === 'BUY' ? 'buy' : 'sell'}`} disabled={sending}>
            Send
          </button>
          <button type="button" className="check-margin" onClick={check} title="What the order would do to margin; nothing is sent (Ctrl+Enter)">
            Check margin
          </button>
          <button
            type="button"
            onClick={() => {
              clear();
              useFeedback.getState().show('ticket', null);
              useWhatIf.getState().set('ticket', null);
            }}
          >
            Clear
          </button>
        </div>
        <WhatIfResult origin="ticket" />
        <Feedback origin="ticket" />
      </form>
    </section>
  );
}
