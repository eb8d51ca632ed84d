import { Fragment, useState, type ReactNode } from 'react';
import type { ColumnModel, ModelColumn } from './use-column-model';

/** Column widths for a <table> with fixed layout: what the trader set, or the defaults. */
export function ModelColGroup({ model }: { model: ColumnModel }) {
  return (
    <colgroup>
      {model.visible.map((c) => (
        <col key={c.spec.id} style={{ width: c.size }} />
      ))}
    </colgroup>
  );
}

/** A header cell's resize grip: drag to set the column's width. */
export function ResizeGrip({ column }: { column: ModelColumn }) {
  return (
    <span
      className={column.resizing ? 'col-grip resizing' : 'col-grip'}
      aria-hidden="true"
      onMouseDown={(e) => {
        e.stopPropagation();
        column.resize(e);
      }}
      onTouchStart={(e) => column.resize(e)}
      onClick={(e) => e.stopPropagation()}
    />
  );
}

export function headerText(column: ModelColumn): ReactNode {
  return column.spec.srOnly ? <span className="sr-only">{column.spec.label}</span> : column.spec.label;
}

/** The header row of a panel table, one cell per visible column, in the model's order. */
export function ModelHead({
  model,
  render,
  sortOf,
  rowIndex,
}: {
  model: ColumnModel;
  render?: (column: ModelColumn) => ReactNode;
  sortOf?: (column: ModelColumn) => 'ascending' | 'descending' | 'none';
  /** aria-rowindex of the header row (1) in a virtualized table. */
  rowIndex?: number;
}) {
  return (
    <thead>
      <tr aria-rowindex={rowIndex}>
        {model.visible.map((c) => (
          <th key={c.spec.id} scope="col" className={c.spec.num ? 'num' : ''} title={c.spec.srOnly ? undefined : c.spec.label} aria-sort={sortOf?.(c)}>
            {render ? render(c) : headerText(c)}
            <ResizeGrip column={c} />
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** "Columns": show, hide and order a table's columns; kept in settings.json. */
export function ColumnChooser({ model, title }: { model: ColumnModel; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="column-chooser">
      <button type="button" className="chip" aria-expanded={open} aria-label={`Columns of ${title}`} onClick={() => setOpen((o) => !o)}>
        Columns
      </button>
      {open && (
        <div
          className="column-menu"
          role="group"
          aria-label={`Choose the columns of ${title}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <ul>
            {model.all.map(({ spec, visible }, i) => (
              <li key={spec.id}>
                <label>
                  <input type="checkbox" checked={visible} disabled={spec.required === true} onChange={(e) => model.setVisible(spec.id, e.target.checked)} />
                  {spec.label}
                </label>
                <button type="button" className="icon" aria-label={`Move ${spec.label} left`} disabled={i === 0} onClick={() => model.move(spec.id, -1)}>
                  ↑
                </button>
                <button type="button" className="icon" aria-label={`Move ${spec.label} right`} disabled={i === model.all.length - 1} onClick={() => model.move(spec.id, 1)}>
                  ↓
                </button>
              </li>
            ))}
          </ul>
          <div className="column-menu-actions">
            <button type="button" onClick={model.reset}>
              Reset columns
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
        </div>
      )}
    </span>
  );
}

/** A row's cells in the model's order: each panel says how its columns draw a row. */
export function modelCells<T>(model: ColumnModel, cells: Readonly<Record<string, (row: T) => ReactNode>>, row: T): ReactNode[] {
  return model.visible.map((c) => <Fragment key={c.spec.id}>{cells[c.spec.id]?.(row)}</Fragment>);
}
