// The journal as the host's OrderJournalPort (electron/host/journal-port.ts),
// built by the composition root. Structural: this folder does not import the
// host, and the host does not import this folder.
import { OrderJournal, readJournalDay, tradingDayOf, type AppendResult, type JournalLog } from './journal-file';
import type { JournalEntry } from './journal-record';
import { orderKey, reconcile, type BrokerTruth, type ReconcileAction } from './reconcile';

export interface JournalPort {
  append(entry: JournalEntry): AppendResult;
  reconcile(account: string, truth: BrokerTruth, knownToUi: ReadonlySet<string>, exclude: ReadonlySet<string>): ReconcileAction[];
  highestOrderId(account: string): number;
}

export interface JournalPortOptions {
  dataDir: string;
  now?: () => number;
  keepDays?: number;
  maxFileBytes?: number;
}

/** One journal per data folder; today's file (New York day) is what reconcile reads. */
export function createJournalPort(options: JournalPortOptions, log: JournalLog): JournalPort {
  const now = options.now ?? Date.now;
  const journal = new OrderJournal({ ...options, now, log });
  const today = (): JournalEntry[] => readJournalDay(options.dataDir, tradingDayOf(now()), log).entries;
  return {
    append: (entry) => journal.append(entry),
    highestOrderId: (account) => today().reduce((max, entry) => (entry.account === account && entry.orderId > max ? entry.orderId : max), 0),
    reconcile(account, truth, knownToUi, exclude) {
      const entries = today();
      const earlier = entries.filter((entry) => !exclude.has(orderKey(entry.account, entry.orderId)));
      return reconcile(account, earlier, truth, knownToUi);
    },
  };
}

