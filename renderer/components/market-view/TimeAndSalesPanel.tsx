// Time & sales: every print of the selected symbol (tick-by-tick AllLast),
// newest on top, coloured by where it printed against the quote, with a
// minimum-size filter.

import { useRef, useState } from 'react';
import type { Print } from '../../../shared/market-view';
import { useMarketView } from '../../stores/market-view';
import { useSelection } from '../../stores/selection';
import { printPrice, printTime, readMinSize, SIDE_TEXT, visiblePrints } from './tape-text';
import { StreamNotice } from './StreamNotice';
import { useShown } from './use-shown';
import { useStream } from './use-stream';

const EMPTY: never[] = [];

/** A stable key per print object, so a new print adds one row instead of rewriting every row below it. */
const printIds = new WeakMap<Print, number>();
let nextPrintId = 1;
function printKey(p: Print): number {
  let id = printIds.get(p);
  if (id === undefined) {
    id = nextPrintId++;
    printIds.set(p, id);
  }
  return id;
}
/** Rows drawn: more than a panel shows; older prints stay in the store for the filter. */
const SHOWN = 60;

export function TimeAndSalesPanel() {
  const symbol = useSelection((s) => s.symbol);
  const region = useRef<HTMLElement | null>(null);
  const shown = useShown(region);
  const held = useStream(symbol && shown ? { kind: 'tape', symbol } : null);
  const prints = useMarketView((s) => (held.key ? s.tape[held.key] : undefined) ?? EMPTY);
  const [minText, setMinText] = useState('');
  const { min, problem } = readMinSize(minText);
  const rows = visiblePrints(prints, min, SHOWN);
  const minTick = held.instrument?.minTick ?? 0.01;
  return (
    <section ref={region} className="panel tape" aria-label="Time & sales">
      <div className="mv-body">
        <header className="panel-head">
          <h2>Time &amp; sales</h2>
          <span className="mv-symbol">{symbol || 'no symbol selected'}</span>
          <label className="hint">
            Min size{' '}
            <input aria-label="Minimum size" className="num mv-min" inputMode="numeric" value={minText} onChange={(e) => setMinText(e.target.value)} />
          </label>
          {problem && <span className="msg-error" role="alert">{problem}</span>}
        </header>
        <StreamNotice held={held} kind="tape" />
        <div className="table-wrap">
          <table className="mv-tape" aria-label="Prints">
            <thead>
              <tr>
                <th>Time</th>
                <th className="num">Price</th>
                <th className="num">Size</th>
                <th>Exch</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={printKey(p)} className={`print ${p.side}`} title={SIDE_TEXT[p.side]} aria-label={`Print ${printPrice(p.price, minTick)} x ${p.size} ${SIDE_TEXT[p.side]}`.trim()}>
                  <td>{printTime(p.time)}</td>
                  <td className="num">{printPrice(p.price, minTick)}</td>
                  <td className="num">{p.size}</td>
                  <td>{p.exchange}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
