// The rest of the broker's picture, each keyed the way the host keys it so a
// replay after a reconnect updates rows instead of duplicating them:
// orders by key (account:orderId), fills by execId, positions by
// account+conId, account values and connections by account id.

import { create } from 'zustand';
import type {
  AccountValue,
  ConnectionState,
  Fill,
  Instrument,
  LogEntry,
  Order,
  Position,
  Settings,
} from '../../shared/model';

export interface OrdersState {
  byKey: Record<string, Order>;
  upsert(order: Order): void;
  replaceAll(orders: readonly Order[]): void;
}

export const useOrders = create<OrdersState>((set) => ({
  byKey: {},
  upsert: (order) => set((s) => ({ byKey: { ...s.byKey, [order.key]: order } })),
  replaceAll: (orders) => set({ byKey: Object.fromEntries(orders.map((o) => [o.key, o])) }),
}));

export interface FillsState {
  byExecId: Record<string, Fill>;
  upsert(fill: Fill): void;
  replaceAll(fills: readonly Fill[]): void;
}

export const useFills = create<FillsState>((set) => ({
  byExecId: {},
  upsert: (fill) => set((s) => ({ byExecId: { ...s.byExecId, [fill.execId]: fill } })),
  replaceAll: (fills) => set({ byExecId: Object.fromEntries(fills.map((f) => [f.execId, f])) }),
}));

export const positionKey = (p: Pick<Position, 'account' | 'conId' | 'symbol'>): string =>
  `${p.account}:${p.conId || p.symbol}`;

export interface PositionsState {
  byKey: Record<string, Position>;
  upsert(position: Position): void;
  replaceAll(positions: readonly Position[]): void;
}

export const usePositions = create<PositionsState>((set) => ({
  byKey: {},
  upsert: (p) => set((s) => ({ byKey: { ...s.byKey, [positionKey(p)]: p } })),
  replaceAll: (positions) => set({ byKey: Object.fromEntries(positions.map((p) => [positionKey(p), p])) }),
}));

export interface AccountsState {
  byAccount: Record<string, AccountValue>;
  upsert(value: AccountValue): void;
  replaceAll(values: readonly AccountValue[]): void;
}

export const useAccounts = create<AccountsState>((set) => ({
  byAccount: {},
  upsert: (v) => set((s) => ({ byAccount: { ...s.byAccount, [v.account]: v } })),
  replaceAll: (values) => set({ byAccount: Object.fromEntries(values.map((v) => [v.account, v])) }),
}));

export interface ConnectionsState {
  byAccount: Record<string, ConnectionState>;
  upsert(state: ConnectionState): void;
  replaceAll(states: readonly ConnectionState[]): void;
}

export const useConnections = create<ConnectionsState>((set) => ({
  byAccount: {},
  upsert: (c) => set((s) => ({ byAccount: { ...s.byAccount, [c.account]: c } })),
  replaceAll: (states) => set({ byAccount: Object.fromEntries(states.map((c) => [c.account, c])) }),
}));

export const LOG_LIMIT = 1000;

export interface LogState {
  /** Newest first, unique by seq. */
  entries: LogEntry[];
  add(entry: LogEntry): void;
  replaceAll(entries: readonly LogEntry[]): void;
}

const newestFirst = (a: LogEntry, b: LogEntry): number => b.seq - a.seq;

export const useLog = create<LogState>((set) => ({
  entries: [],
  add: (entry) =>
    set((s) => {
      if (s.entries.some((e) => e.seq === entry.seq)) return s;
      const first = s.entries[0];
      const entries = !first || entry.seq > first.seq ? [entry, ...s.entries] : [...s.entries, entry].sort(newestFirst);
      return { entries: entries.slice(0, LOG_LIMIT) };
    }),
  replaceAll: (entries) => set({ entries: [...entries].sort(newestFirst).slice(0, LOG_LIMIT) }),
}));

export interface SettingsState {
  settings: Settings | null;
  set(settings: Settings): void;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  set: (settings) => set({ settings }),
}));

export interface InstrumentsState {
  bySymbol: Record<string, Instrument>;
  add(instrument: Instrument): void;
  replaceAll(instruments: readonly Instrument[]): void;
}

export const useInstruments = create<InstrumentsState>((set) => ({
  bySymbol: {},
  add: (i) => set((s) => ({ bySymbol: { ...s.bySymbol, [i.symbol]: i } })),
  replaceAll: (list) => set({ bySymbol: Object.fromEntries(list.map((i) => [i.symbol, i])) }),
}));
