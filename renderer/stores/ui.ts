// UI-only state: the order ticket's fields, what each entry point last said
// (an order error or a confirmation of what was sent), the orders being
// watched for a late IB rejection, the confirmation dialog, the link banner
// and a one-second clock for countdowns and stale badges.

import { create } from 'zustand';
import type { OrderType, Side, TimeInForce } from '../../shared/model';
import type { LinkStatus } from '../bridge/ws-bridge';

export interface TicketFields {
  account: string;
  side: Side;
  symbol: string;
  quantity: string;
  type: OrderType;
  limit: string;
  stop: string;
  tif: TimeInForce;
}

export const EMPTY_TICKET: TicketFields = {
  account: '',
  side: 'BUY',
  symbol: '',
  quantity: '',
  type: 'limit',
  limit: '',
  stop: '',
  tif: 'GTC',
};

export interface TicketState {
  fields: TicketFields;
  set(patch: Partial<TicketFields>): void;
  clear(keep?: Partial<TicketFields>): void;
}

export const useTicket = create<TicketState>((set) => ({
  fields: EMPTY_TICKET,
  set: (patch) => set((s) => ({ fields: { ...s.fields, ...patch } })),
  clear: (keep) => set((s) => ({ fields: { ...EMPTY_TICKET, account: s.fields.account, ...keep } })),
}));

/** Where an order came from: its refusals are shown there. */
export type Origin = 'ticket' | 'command-line';

export interface Feedback {
  kind: 'error' | 'info';
  text: string;
}

export interface FeedbackState {
  byOrigin: Partial<Record<Origin, Feedback>>;
  /** Order key -> origin, for orders sent from here whose fate is still open. */
  watched: Record<string, Origin>;
  show(origin: Origin, feedback: Feedback | null): void;
  watch(key: string, origin: Origin): void;
  unwatch(key: string): void;
}

/** How long a confirmation ("Sent #42 …", "Cancel requested for #6") stays; errors stay until the next action. */
export const INFO_MESSAGE_MS = 10_000;

export const useFeedback = create<FeedbackState>((set, get) => ({
  byOrigin: {},
  watched: {},
  show: (origin, feedback) => {
    set((s) => {
      const byOrigin = { ...s.byOrigin };
      if (feedback) byOrigin[origin] = feedback;
      else delete byOrigin[origin];
      return { byOrigin };
    });
    if (feedback?.kind === 'info') {
      setTimeout(() => {
        if (get().byOrigin[origin] === feedback) get().show(origin, null);
      }, INFO_MESSAGE_MS);
    }
  },
  watch: (key, origin) => set((s) => ({ watched: { ...s.watched, [key]: origin } })),
  unwatch: (key) =>
    set((s) => {
      if (!(key in s.watched)) return s;
      const watched = { ...s.watched };
      delete watched[key];
      return { watched };
    }),
}));

export const orderError = (reason: string): Feedback => ({ kind: 'error', text: `Order Error: ${reason}` });

export interface ConfirmRequest {
  title: string;
  lines: string[];
  confirmLabel: string;
  resolve(confirmed: boolean): void;
}

export interface ConfirmState {
  request: ConfirmRequest | null;
  ask(title: string, lines: string[], confirmLabel?: string): Promise<boolean>;
  answer(confirmed: boolean): void;
}

export const useConfirm = create<ConfirmState>((set, get) => ({
  request: null,
  ask: (title, lines, confirmLabel = 'Confirm') =>
    new Promise<boolean>((resolve) => {
      // A second question while one is open answers the first with "no":
      // never two dialogs stacked where Enter could confirm the wrong one.
      get().request?.resolve(false);
      set({ request: { title, lines, confirmLabel, resolve } });
    }),
  answer: (confirmed) => {
    const r = get().request;
    if (!r) return;
    set({ request: null });
    r.resolve(confirmed);
  },
}));

export interface LinkBannerState {
  status: LinkStatus;
  set(status: LinkStatus): void;
}

export const useLinkStatus = create<LinkBannerState>((set) => ({
  status: { state: 'connecting', retryAt: null, failures: 0, reason: null },
  set: (status) => set({ status }),
}));

export interface ClockState {
  now: number;
  tick(now: number): void;
}

export const useClock = create<ClockState>((set) => ({
  now: Date.now(),
  tick: (now) => set({ now }),
}));

export interface SelectionState {
  orderKey: string | null;
  select(key: string | null): void;
}

export const useOrderSelection = create<SelectionState>((set) => ({
  orderKey: null,
  select: (orderKey) => set({ orderKey }),
}));

/** The Orders panel's last word (a cancel requested or refused), whoever asked. */
export interface OrdersMessageState {
  message: Feedback | null;
  show(message: Feedback | null): void;
}

export const useOrdersMessage = create<OrdersMessageState>((set, get) => ({
  message: null,
  show: (message) => {
    set({ message });
    if (message?.kind === 'info') {
      setTimeout(() => {
        if (get().message === message) set({ message: null });
      }, INFO_MESSAGE_MS);
    }
  },
}));
