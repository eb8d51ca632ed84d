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
  /** A trailing stop's trail, as typed; `trailUnit` says whether it is dollars or percent. */
  trail: string;
  trailUnit: 'amount' | 'percent';
  tif: TimeInForce;
  /** Outside regular trading hours (limit and stop-limit only). */
  outsideRth: boolean;
  /** Optional bracket children: a take-profit limit and a stop-loss stop, as typed. */
  takeProfit: string;
  stopLoss: string;
}

export const EMPTY_TICKET: TicketFields = {
  account: '',
  side: 'BUY',
  symbol: '',
  quantity: '',
  type: 'limit',
  limit: '',
  stop: '',
  trail: '',
  trailUnit: 'amount',
  tif: 'GTC',
  outsideRth: false,
  takeProfit: '',
  stopLoss: '',
};

/** Settings' defaults the ticket starts from (and returns to after Send or Esc). */
export interface TicketDefaults {
  tif: TimeInForce;
  quantity: string;
}

/** The working order the ticket is modifying, by its row key. */
export interface TicketModify {
  key: string;
  orderId: number;
}

export interface TicketState {
  fields: TicketFields;
  defaults: TicketDefaults;
  /** Non-null while the ticket edits a working order ("Modify #N"). */
  modify: TicketModify | null;
  set(patch: Partial<TicketFields>): void;
  clear(keep?: Partial<TicketFields>): void;
  /**
   * New defaults from settings: a field still at the old default follows the new one,
   * a field the trader typed stays.
   */
  setDefaults(defaults: TicketDefaults): void;
  /** Load an order's fields and enter modify mode. */
  startModify(target: TicketModify, fields: TicketFields): void;
  /** Leave modify mode; the fields go back to a fresh ticket (account and side kept). */
  endModify(): void;
}

const BLANK_DEFAULTS: TicketDefaults = { tif: EMPTY_TICKET.tif, quantity: EMPTY_TICKET.quantity };

export const useTicket = create<TicketState>((set) => ({
  fields: EMPTY_TICKET,
  defaults: BLANK_DEFAULTS,
  modify: null,
  set: (patch) => set((s) => ({ fields: { ...s.fields, ...patch } })),
  clear: (keep) => set((s) => ({ fields: { ...EMPTY_TICKET, ...s.defaults, account: s.fields.account, ...keep } })),
  setDefaults: (defaults) =>
    set((s) => {
      const fields = { ...s.fields };
      if (fields.tif === s.defaults.tif) fields.tif = defaults.tif;
      if (fields.quantity === s.defaults.quantity) fields.quantity = defaults.quantity;
      return { defaults, fields };
    }),
  startModify: (target, fields) => set({ modify: target, fields }),
  endModify: () =>
    set((s) => ({
      modify: null,
      fields: { ...EMPTY_TICKET, ...s.defaults, account: s.fields.account, side: s.fields.side, symbol: s.fields.symbol },
    })),
}));

/** Where an order came from: its refusals are shown there. */
export type Origin = 'ticket' | 'command-line' | 'ladder';

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

/** A panel's message place: an info clears itself after INFO_MESSAGE_MS, an error stays. */
const panelMessage = () =>
  create<OrdersMessageState>((set, get) => ({
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

export const useOrdersMessage = panelMessage();
/** The Positions panel's last word (flatten, reverse, cancel by symbol). */
export const usePositionsMessage = panelMessage();
