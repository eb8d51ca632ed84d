// Depth: the selected symbol's book (reqMktDepth, ten levels a side with
// sizes and venues) and a BookTrader-style price ladder to trade from: B / S
// (or a click on the bid / ask column) place a limit at the selected price
// with the ticket's quantity, working orders show at their prices, Del
// cancels them. IB allows three depth streams at once; a fourth is refused
// (309) and the panel says so.

import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DepthLevel } from '../../../shared/market-view';
import type { Order } from '../../../shared/model';
import { useBridge } from '../../bridge/context';
import { useOrders } from '../../stores/broker-state';
import { useMarketView } from '../../stores/market-view';
import { useSelection } from '../../stores/selection';
import { Feedback } from '../Feedback';
import { cancelAtPrice, moveToPrice, placeFromLadder } from './ladder-actions';
import { ladderKeyAction, ladderRows, stepPrice, workingOrdersOf, type LadderRow } from './ladder';
import { StreamNotice } from './StreamNotice';
import { printPrice } from './tape-text';
import { useShown } from './use-shown';
import { useStream } from './use-stream';

export const LADDER_ID = 'depth-ladder';

function BookSide({ title, levels, minTick }: { title: string; levels: readonly DepthLevel[]; minTick: number }) {
  return (
    <table className="mv-book" aria-label={title}>
      <thead>
        <tr>
          <th className="num">Price</th>
          <th className="num">Size</th>
          <th>Venue</th>
        </tr>
      </thead>
      <tbody>
        {levels.map((l, i) => (
          <tr key={i}>
            <td className="num">{printPrice(l.price, minTick)}</td>
            <td className="num">{l.size}</td>
            <td>{l.venue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ordersText(orders: readonly Order[]): string {
  return orders.map((o) => `#${o.orderId} ${o.remaining}`).join(' ');
}

interface LadderProps {
  rows: readonly LadderRow[];
  selected: number | null;
  minTick: number;
  select(price: number): void;
  place(side: 'BUY' | 'SELL', price: number): void;
  cancel(orders: readonly Order[]): void;
}

type RowProps = Omit<LadderProps, 'rows' | 'selected'> & { row: LadderRow; selected: boolean };

const sameOrders = (a: readonly Order[], b: readonly Order[]): boolean =>
  a.length === b.length && a.every((o, i) => o === b[i]);

/** Rows are rebuilt every book; only a row whose sizes, orders or selection changed re-renders. */
function sameRow(a: RowProps, b: RowProps): boolean {
  const x = a.row;
  const y = b.row;
  return a.selected === b.selected && a.minTick === b.minTick && a.place === b.place && a.cancel === b.cancel && a.select === b.select
    && x.price === y.price && x.bestBid === y.bestBid && x.bestAsk === y.bestAsk
    && x.bid?.size === y.bid?.size && x.ask?.size === y.ask?.size && sameOrders(x.buys, y.buys) && sameOrders(x.sells, y.sells);
}

const LadderRowView = memo(function LadderRowView({ row, selected, minTick, select, place, cancel }: RowProps) {
  const price = printPrice(row.price, minTick);
  const cls = ['ladder-row', selected ? 'selected' : '', row.bestBid ? 'best-bid' : '', row.bestAsk ? 'best-ask' : ''].join(' ').trim();
  return (
    <tr className={cls} data-price={price} aria-selected={selected} aria-label={`Level ${price}`} onClick={() => select(row.price)}>
      <td className="buys">
        {row.buys.length > 0 && (
          <button type="button" className="ladder-order buy" aria-label={`Cancel buy ${ordersText(row.buys)} at ${price}`} onClick={(e) => { e.stopPropagation(); cancel(row.buys); }}>
            {ordersText(row.buys)} ×
          </button>
        )}
      </td>
      <td className="num bid" title={`Buy limit at ${price}`} onClick={(e) => { e.stopPropagation(); select(row.price); place('BUY', row.price); }}>
        {row.bid ? row.bid.size : ''}
      </td>
      <td className="num price">{price}</td>
      <td className="num ask" title={`Sell limit at ${price}`} onClick={(e) => { e.stopPropagation(); select(row.price); place('SELL', row.price); }}>
        {row.ask ? row.ask.size : ''}
      </td>
      <td className="sells">
        {row.sells.length > 0 && (
          <button type="button" className="ladder-order sell" aria-label={`Cancel sell ${ordersText(row.sells)} at ${price}`} onClick={(e) => { e.stopPropagation(); cancel(row.sells); }}>
            {ordersText(row.sells)} ×
          </button>
        )}
      </td>
    </tr>
  );
}, sameRow);

export function DepthPanel() {
  const bridge = useBridge();
  const symbol = useSelection((s) => s.symbol);
  const region = useRef<HTMLElement | null>(null);
  const shown = useShown(region);
  const held = useStream(symbol && shown ? { kind: 'depth', symbol } : null);
  const book = useMarketView((s) => (held.key ? s.depth[held.key] : undefined));
  const allOrders = useOrders((s) => s.byKey);
  const instrumentSymbol = held.instrument?.symbol ?? symbol;
  const minTick = held.instrument?.minTick ?? 0.01;
  const working = useMemo(() => workingOrdersOf(instrumentSymbol, Object.values(allOrders)), [instrumentSymbol, allOrders]);
  const rows = useMemo(() => ladderRows(book, working, minTick), [book, working, minTick]);
  const [chosen, setChosen] = useState<number | null>(null);
  const touch = rows.find((r) => r.bestBid)?.price ?? null;
  const selected = chosen !== null && rows.some((r) => r.price === chosen) ? chosen : touch;

  const place = useCallback((side: 'BUY' | 'SELL', price: number): void => void placeFromLadder(bridge, side, instrumentSymbol, price), [bridge, instrumentSymbol]);
  const cancel = useCallback((orders: readonly Order[]): void => void cancelAtPrice(bridge, orders), [bridge]);

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const action = ladderKeyAction(e.key, e.shiftKey);
    if (!action || selected === null) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.repeat && action.kind === 'place') return; // one press, one order
    const here = rows.find((r) => r.price === selected);
    switch (action.kind) {
      case 'move':
        setChosen(stepPrice(selected, action.direction, minTick));
        return;
      case 'touch':
        setChosen(null);
        return;
      case 'place':
        place(action.side, selected);
        return;
      case 'cancel':
        cancel([...(here?.buys ?? []), ...(here?.sells ?? [])]);
        return;
      case 'modify': {
        // The orders move one tick and the selection moves with them, so the next press moves them again.
        const to = stepPrice(selected, action.direction, minTick);
        void moveToPrice(bridge, [...(here?.buys ?? []), ...(here?.sells ?? [])], to);
        setChosen(to);
        return;
      }
    }
  };

  return (
    <section ref={region} className="panel depth" aria-label="Depth">
      <div className="mv-body">
        <header className="panel-head">
          <h2>Depth</h2>
          <span className="mv-symbol">{symbol || 'no symbol selected'}</span>
          <span className="hint">↑↓ price · B/S limit at it · Shift+↑↓ move its orders · Del cancel · click bid/ask to trade · IB allows 3 depth streams at once</span>
        </header>
        <StreamNotice held={held} kind="depth" />
        <Feedback origin="ladder" />
        <div className="mv-depth">
          <div className="mv-books">
            <BookSide title="Bids" levels={book?.bids ?? []} minTick={minTick} />
            <BookSide title="Asks" levels={book?.asks ?? []} minTick={minTick} />
          </div>
          <div className="table-wrap mv-ladder-wrap" id={LADDER_ID} tabIndex={0} onKeyDown={onKeyDown} aria-label="Price ladder keys">
            <table className="mv-ladder" aria-label="Price ladder">
              <thead>
                <tr>
                  <th>Buys</th>
                  <th className="num">Bid</th>
                  <th className="num">Price</th>
                  <th className="num">Ask</th>
                  <th>Sells</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <LadderRowView key={row.price} row={row} selected={row.price === selected} minTick={minTick} select={setChosen} place={place} cancel={cancel} />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </section>
  );
}
