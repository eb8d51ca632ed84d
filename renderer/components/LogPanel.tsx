import { useLog } from '../stores/broker-state';
import { timeText } from './order-text';

export function LogPanel() {
  const entries = useLog((s) => s.entries);
  return (
    <section className="panel log" aria-label="Log">
      <header className="panel-head">
        <h2>Log</h2>
      </header>
      <div className="table-wrap">
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col" className="num">Time</th>
              <th scope="col">Level</th>
              <th scope="col" className="num">Code</th>
              <th scope="col">Source</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, 300).map((e) => (
              <tr key={e.seq} className={`level-${e.level}`}>
                <td className="num">{timeText(e.time)}</td>
                <td className={`level level-${e.level}`}>{e.level.toUpperCase()}</td>
                <td className="num">{e.code ?? ''}</td>
                <td>{e.source}</td>
                <td className="message" title={e.message}>
                  {e.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
