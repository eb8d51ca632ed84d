import { useCallback, type ReactNode } from 'react';
import type { LogEntry } from '../../shared/model';
import { useLog } from '../stores/broker-state';
import type { ColumnSpec } from '../tables/column-state';
import { ColumnChooser, ModelColGroup, ModelHead, modelCells } from '../tables/ModelTable';
import { useColumnModel } from '../tables/use-column-model';
import { VirtualBody, VIRTUAL_SCROLL_STYLE } from '../tables/VirtualBody';
import { timeText } from './order-text';

const COLUMNS: readonly ColumnSpec[] = [
  { id: 'time', label: 'Time', num: true, size: 72 },
  { id: 'level', label: 'Level', size: 56 },
  { id: 'code', label: 'Code', num: true, size: 62 },
  { id: 'source', label: 'Source', size: 64 },
  { id: 'message', label: 'Message', size: 180, required: true },
];

const CELLS: Record<string, (e: LogEntry) => ReactNode> = {
  time: (e) => <td className="num">{timeText(e.time)}</td>,
  level: (e) => <td className={`level level-${e.level}`}>{e.level.toUpperCase()}</td>,
  code: (e) => <td className="num">{e.code ?? ''}</td>,
  source: (e) => <td>{e.source}</td>,
  // One line each; the whole message is in the title.
  message: (e) => (
    <td className="message" title={e.message}>
      {e.message}
    </td>
  ),
};

export function LogPanel() {
  const entries = useLog((s) => s.entries);
  const model = useColumnModel('log', COLUMNS);
  // Every line the store keeps (LOG_LIMIT), newest first: only the rows on screen are drawn.
  const keyOf = useCallback((i: number) => String(entries[i]?.seq ?? `#${i}`), [entries]);
  return (
    <section className="panel log" aria-label="Log">
      <header className="panel-head">
        <h2>Log</h2>
        <ColumnChooser model={model} title="Log" />
      </header>
      <div className="table-wrap" style={VIRTUAL_SCROLL_STYLE}>
        <table className="grid-table model-table" aria-label="Log" aria-rowcount={entries.length + 1}>
          <ModelColGroup model={model} />
          <ModelHead model={model} rowIndex={1} />
          <VirtualBody
            count={entries.length}
            keyOf={keyOf}
            columns={model.visible.length}
            renderRow={({ index, rowIndex, measure }) => {
              const e = entries[index];
              return e ? (
                <tr ref={measure} data-index={index} aria-rowindex={rowIndex} className={`level-${e.level}`}>
                  {modelCells(model, CELLS, e)}
                </tr>
              ) : null;
            }}
          />
        </table>
      </div>
    </section>
  );
}
