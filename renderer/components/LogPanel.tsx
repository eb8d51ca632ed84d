import type { ReactNode } from 'react';
import type { LogEntry } from '../../shared/model';
import { useLog } from '../stores/broker-state';
import type { ColumnSpec } from '../tables/column-state';
import { ColumnChooser, ModelColGroup, ModelHead, modelCells } from '../tables/ModelTable';
import { useColumnModel } from '../tables/use-column-model';
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
  return (
    <section className="panel log" aria-label="Log">
      <header className="panel-head">
        <h2>Log</h2>
        <ColumnChooser model={model} title="Log" />
      </header>
      <div className="table-wrap">
        <table className="grid-table model-table">
          <ModelColGroup model={model} />
          <ModelHead model={model} />
          <tbody>
            {entries.slice(0, 300).map((e) => (
              <tr key={e.seq} className={`level-${e.level}`}>
                {modelCells(model, CELLS, e)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
