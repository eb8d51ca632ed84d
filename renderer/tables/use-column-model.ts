// One headless table (TanStack Table) per panel table, owning the column model: order,
// visibility and widths, with drag-to-resize. Rows stay ours: each panel paints its rows
// in the model's column order (Quotes write their cells directly, Orders re-render a row
// per order), so a tick or a status change never re-renders a whole table.

import {
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  functionalUpdate,
  tableFeatures,
  useTable,
  type Updater,
} from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useBridge } from '../bridge/context';
import { saveWorkspace, workspaceOf } from '../layout/workspace-state';
import { useSettings } from '../stores/broker-state';
import { fromColumnState, MIN_COLUMN_WIDTH, moveColumn, toColumnState, type ColumnSpec, type ColumnState } from './column-state';

const features = tableFeatures({ columnVisibilityFeature, columnOrderingFeature, columnSizingFeature, columnResizingFeature });
const NO_ROWS: readonly never[] = [];
const SAVE_DELAY_MS = 500;

export interface ModelColumn {
  spec: ColumnSpec;
  size: number;
  /** Starts a drag that resizes the column (mouse or touch). */
  resize: (event: unknown) => void;
  resizing: boolean;
}

export interface ColumnModel {
  tableId: string;
  /** Visible columns, in order, with their widths. */
  visible: ModelColumn[];
  /** Every column in order, for the chooser. */
  all: { spec: ColumnSpec; visible: boolean }[];
  setVisible(id: string, visible: boolean): void;
  move(id: string, step: -1 | 1): void;
  reset(): void;
}

export function useColumnModel(tableId: string, specs: readonly ColumnSpec[]): ColumnModel {
  const bridge = useBridge();
  const [state, setState] = useState<ColumnState>(() => toColumnState(specs, workspaceOf(useSettings.getState().settings).columns[tableId]));
  const timer = useRef<number | undefined>(undefined);

  const update = (patch: Partial<ColumnState>): void => {
    setState((s) => {
      const next = { ...s, ...patch };
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        const columns = { ...workspaceOf(useSettings.getState().settings).columns, [tableId]: fromColumnState(next) };
        void saveWorkspace(bridge, { columns });
      }, SAVE_DELAY_MS);
      return next;
    });
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const columns = useMemo(
    () => specs.map((s) => ({ id: s.id, header: s.label, size: s.size, minSize: MIN_COLUMN_WIDTH, enableHiding: s.required !== true })),
    [specs],
  );
  const table = useTable({
    features,
    columns,
    data: NO_ROWS,
    state,
    columnResizeMode: 'onChange',
    onColumnVisibilityChange: (u: Updater<Record<string, boolean>>) => update({ columnVisibility: functionalUpdate(u, state.columnVisibility) }),
    onColumnOrderChange: (u: Updater<string[]>) => update({ columnOrder: functionalUpdate(u, state.columnOrder) }),
    onColumnSizingChange: (u: Updater<Record<string, number>>) => update({ columnSizing: functionalUpdate(u, state.columnSizing) }),
  });

  const byId = new Map(specs.map((s) => [s.id, s]));
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const visible: ModelColumn[] = headers.flatMap((h) => {
    const spec = byId.get(h.column.id);
    return spec ? [{ spec, size: h.getSize(), resize: h.getResizeHandler(), resizing: h.column.getIsResizing() }] : [];
  });
  const all = state.columnOrder.flatMap((id) => {
    const spec = byId.get(id);
    return spec ? [{ spec, visible: state.columnVisibility[id] !== false }] : [];
  });
  return {
    tableId,
    visible,
    all,
    setVisible: (id, on) => table.getAllLeafColumns().find((c) => c.id === id)?.toggleVisibility(on),
    move: (id, step) => update({ columnOrder: moveColumn(state.columnOrder, id, step) }),
    reset: () => update(toColumnState(specs, undefined)),
  };
}
