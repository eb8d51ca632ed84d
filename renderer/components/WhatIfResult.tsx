import { useWhatIf, type WhatIfOrigin } from '../stores/what-if';
import { whatIfLines } from './what-if-text';

/**
 * The margin check's answer under the ticket or the command line; with `lack` (the
 * account's broker offers none), that sentence while no answer is shown.
 */
export function WhatIfResult({ origin, lack = null }: { origin: WhatIfOrigin; lack?: string | null }) {
  const state = useWhatIf((s) => s.byOrigin[origin]);
  if (!state && lack) return <p className="what-if muted" role="note" aria-label="Margin check">{lack}</p>;
  if (!state) return null;
  return (
    <output className="what-if" aria-label="Margin check" data-state={state.kind}>
      <span className="what-if-title">Margin check: {state.order}</span>
      {state.kind === 'checking' && <span className="muted">checking…</span>}
      {state.kind === 'refused' && <span className="neg">No margin check: {state.reason}</span>}
      {state.kind === 'done' && (
        <dl>
          {whatIfLines(state.preview).map((line) => (
            <div key={line.label} className={line.label === 'Margin would not suffice' ? 'neg' : undefined}>
              <dt>{line.label}</dt>
              <dd className="num">{line.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </output>
  );
}
