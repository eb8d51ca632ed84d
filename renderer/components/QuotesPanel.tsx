import { Fragment, memo, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import type { Quote } from '../../shared/model';
import { normalizeSymbol } from '../../shared/symbols';
import { useBridge } from '../bridge/context';
import { perf } from '../perf';
import { useInstruments, useSettings } from '../stores/broker-state';
import { useQuotes } from '../stores/quotes';
import { useSelection } from '../stores/selection';
import { useClock, useTicket } from '../stores/ui';
import { flasher } from './flash';
import { moveRowFocus } from './row-focus';
import { rowVisibilityFor } from './row-visibility';
import { useQuoteSubscriptions } from './quote-subscriptions';
import { ColumnChooser, ResizeGrip, headerText } from '../tables/ModelTable';
import { useColumnModel } from '../tables/use-column-model';
import { QUOTE_COLUMNS, QUOTE_TABLE_COLUMNS, changeSign, quoteBadge, quoteCells, quoteGridTemplate, type QuoteColumn } from './quote-cells';

const EMPTY: readonly string[] = [];

/**
 * Replaces a cell's text in place: changing the existing text node's data is
 * cheaper for style and layout than textContent, which swaps in a new node.
 */
function writeText(el: HTMLElement, value: string): void {
  const node = el.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE && node === el.lastChild) (node as Text).data = value;
  else el.textContent = value;
}

type CellRefs = Partial<Record<QuoteColumn | 'badge', HTMLElement | null>>;

/**
 * One watchlist row. Its cells are written directly from a store
 * subscription rather than re-rendered: at thousands of ticks a second this
 * keeps React out of the hot path, and each row touches only its own cells.
 */
const QuoteRow = memo(function QuoteRow({
  symbol,
  error,
  columns,
  onRemove,
}: {
  symbol: string;
  error: string | null;
  /** Visible column ids in order, comma-joined (stable while the columns stay). */
  columns: string;
  onRemove: (s: string) => void;
}) {
  const cells = useRef<CellRefs>({});
  const row = useRef<HTMLDivElement | null>(null);

  useLayoutEffect(() => {
    let shown: Quote | undefined;
    let shownText: Partial<Record<QuoteColumn, string>> = {};
    let shownTone = 0;
    let badge = '';
    // Out of sight the row writes nothing; `latest` is what it shows when it comes back.
    let visible = true;
    let latest: Quote | undefined = useQuotes.getState().bySymbol[symbol];

    const paintBadge = (q: Quote | undefined, now: number): void => {
      const next = quoteBadge(q, now);
      if (next === badge) return;
      badge = next;
      const el = cells.current.badge;
      if (el) {
        writeText(el, next);
        el.className = `badge badge-${next.toLowerCase()}`;
      }
    };

    const paint = (q: Quote | undefined, flash: boolean): void => {
      if (q === shown) return;
      const prev = flash ? shown : undefined;
      shown = q;
      if (!q) return;
      const text = quoteCells(q);
      for (const col of QUOTE_COLUMNS) {
        const value = text[col.key];
        if (shownText[col.key] === value) continue;
        const el = cells.current[col.key];
        if (!el) continue;
        writeText(el, value);
        if (prev && (col.key === 'bid' || col.key === 'ask' || col.key === 'last')) {
          const before = prev[col.key];
          const after = q[col.key];
          if (before !== null && after !== null && before !== after) flasher.flash(el, after > before ? 'up' : 'down');
        }
      }
      shownText = text;
      const tone = changeSign(q);
      if (tone !== shownTone) {
        shownTone = tone;
        for (const el of [cells.current.change, cells.current.changePct]) {
          el?.classList.toggle('pos', tone > 0);
          el?.classList.toggle('neg', tone < 0);
        }
      }
      paintBadge(q, Math.max(useClock.getState().now, q.updatedAt));
      perf?.recordPaint(q.updatedAt);
    };

    const onQuote = (q: Quote | undefined): void => {
      latest = q;
      if (visible) paint(q, true);
    };
    const onVisible = (now: boolean): void => {
      visible = now;
      if (!now) return;
      // What changed while hidden is news, not a tick: no flash for it.
      paint(latest, false);
      paintBadge(shown, Math.max(useClock.getState().now, shown?.updatedAt ?? 0));
    };

    const offVisibility = row.current ? rowVisibilityFor(row.current).watch(row.current, onVisible) : (onVisible(true), () => undefined);
    const offQuotes = useQuotes.subscribe((s) => onQuote(s.bySymbol[symbol]));
    const offClock = useClock.subscribe((s) => {
      if (visible) paintBadge(shown, s.now);
    });
    const markSelected = (selected: string): void => {
      row.current?.setAttribute('aria-selected', String(selected === symbol));
    };
    markSelected(useSelection.getState().symbol);
    const offSelection = useSelection.subscribe((s) => markSelected(s.symbol));
    return () => {
      offVisibility();
      offQuotes();
      offClock();
      offSelection();
    };
    // A column shown again starts empty: re-subscribing paints every visible cell.
  }, [symbol, columns]);

  const pick = (): void => {
    const ticket = useTicket.getState();
    // A fresh ticket gets the default size too; a size already typed is kept.
    const size = useSettings.getState().settings?.defaults.quantity;
    ticket.set(ticket.fields.quantity === '' && size ? { symbol, quantity: String(size) } : { symbol });
    useSelection.getState().select(symbol);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      pick();
    } else if (e.key === 'Delete') {
      e.preventDefault();
      // Focus goes to the next row (the previous at the end), never to the page.
      const next = e.currentTarget.nextElementSibling ?? e.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement) next.focus();
      onRemove(symbol);
    }
  };

  const cell = (id: string): ReactNode => {
    if (id === 'symbol') {
      return (
        <span role="rowheader" className="sym">
          {symbol}
        </span>
      );
    }
    if (id === 'data') {
      return (
        <span role="cell">
          <span
            ref={(el) => {
              cells.current.badge = el;
            }}
            className="badge badge-waiting"
          >
            WAITING
          </span>
        </span>
      );
    }
    if (id === 'problem') {
      return (
        <span role="cell" className="row-error" title={error ?? undefined}>
          {error}
        </span>
      );
    }
    if (id === 'remove') {
      return (
        <span role="cell">
          <button
            type="button"
            className="icon"
            aria-label={`Remove ${symbol}`}
            onClick={(e) => {
              e.stopPropagation();
              onRemove(symbol);
            }}
          >
            ×
          </button>
        </span>
      );
    }
    const key = id as QuoteColumn;
    return (
      <span
        role="cell"
        className="num"
        data-col={key}
        ref={(el) => {
          cells.current[key] = el;
        }}
      >
        —
      </span>
    );
  };

  return (
    <div
      ref={row}
      role="row"
      className="qt-row"
      tabIndex={0}
      data-symbol={symbol}
      aria-label={`Quote ${symbol}`}
      onClick={pick}
      onKeyDown={onKeyDown}
    >
      {columns.split(',').map((id) => (
        <Fragment key={id}>{cell(id)}</Fragment>
      ))}
    </div>
  );
});

export function QuotesPanel() {
  const bridge = useBridge();
  const watchlist = useSettings((s) => s.settings?.watchlist ?? EMPTY);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  const subscriptions = useQuoteSubscriptions(bridge, watchlist, (symbol, reason) =>
    setRowErrors((prev) => {
      if ((prev[symbol] ?? null) === reason) return prev;
      const next = { ...prev };
      if (reason === null) delete next[symbol];
      else next[symbol] = reason;
      return next;
    }),
  );

  const saveWatchlist = async (symbols: string[]): Promise<boolean> => {
    const r = await bridge.invoke('watchlist.set', { symbols });
    if (!r.ok) {
      setMessage(`Watchlist not saved: ${r.error.message}`);
      return false;
    }
    const settings = useSettings.getState().settings;
    if (settings) useSettings.getState().set({ ...settings, watchlist: r.value });
    return true;
  };

  const add = async (): Promise<void> => {
    const normalized = normalizeSymbol(text);
    if (!normalized.ok) {
      setMessage(normalized.reason);
      return;
    }
    if (watchlist.includes(normalized.symbol)) {
      setMessage(`${normalized.symbol} is already on the list`);
      setText('');
      return;
    }
    setBusy(true);
    setMessage(null);
    // Subscribing resolves the symbol: an unknown or ambiguous one never reaches the list.
    const subscribed = await bridge.invoke('quotes.subscribe', { symbol: normalized.symbol });
    if (!subscribed.ok) {
      setBusy(false);
      setMessage(subscribed.error.message);
      return;
    }
    useInstruments.getState().add(subscribed.value);
    const symbol = subscribed.value.symbol;
    const list = useSettings.getState().settings?.watchlist ?? [];
    if (list.includes(symbol)) {
      // Already shown (typed in another spelling): drop the extra reference.
      void bridge.invoke('quotes.unsubscribe', { symbol });
      setBusy(false);
      setText('');
      return;
    }
    subscriptions.adopt(symbol);
    const saved = await saveWatchlist([...list, symbol]);
    setBusy(false);
    if (saved) setText('');
    else subscriptions.release(symbol);
  };

  const model = useColumnModel('quotes', QUOTE_TABLE_COLUMNS);
  const columns = model.visible.map((c) => c.spec.id).join(',');
  const template = quoteGridTemplate(model.visible.map((c) => ({ id: c.spec.id, size: c.size })));

  const remove = (symbol: string): void => {
    const list = useSettings.getState().settings?.watchlist ?? [];
    void saveWatchlist(list.filter((s) => s !== symbol));
  };

  return (
    <section className="panel quotes" aria-label="Quotes" onKeyDown={(e) => moveRowFocus(e, '.qt-row[data-symbol]')}>
      <header className="panel-head">
        <h2>Quotes</h2>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <input
            aria-label="Add symbol"
            placeholder="Add symbol…"
            value={text}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setText('');
                setMessage(null);
              }
            }}
          />
          <button type="submit" disabled={busy}>
            Add
          </button>
        </form>
        <span className="hint">Enter picks · Del removes the row</span>
        <ColumnChooser model={model} title="Quotes" />
        {message && (
          <span className="msg-error" role="alert">
            {message}
          </span>
        )}
      </header>
      <div className="table-wrap">
        {/* A grid of fixed-height, contained rows rather than a <table>: a
            changed number relayouts its own row, not the whole table. */}
        <div role="table" aria-label="Watchlist" className="qt" style={{ '--qt-cols': template, minWidth: model.visible.reduce((sum, c) => sum + c.size, 0) } as CSSProperties}>
          <div role="rowgroup">
            <div role="row" className="qt-row qt-head">
              {model.visible.map((c) => (
                <span key={c.spec.id} role="columnheader" className={c.spec.num ? 'num' : undefined} title={c.spec.srOnly ? undefined : c.spec.label}>
                  {headerText(c)}
                  <ResizeGrip column={c} />
                </span>
              ))}
            </div>
          </div>
          <div role="rowgroup">
            {watchlist.map((symbol) => (
              <QuoteRow key={symbol} symbol={symbol} error={rowErrors[symbol] ?? null} columns={columns} onRemove={remove} />
            ))}
          </div>
        </div>
        {watchlist.length === 0 && <p className="empty">Type a symbol above and press Enter.</p>}
      </div>
    </section>
  );
}
