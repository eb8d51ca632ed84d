// Child process of crash.test.ts: journals place records as fast as it can and
// acknowledges each one on stdout only after append() returned (fsync done),
// until the test kills it with SIGKILL.
import { writeSync } from 'node:fs';
import { OrderJournal } from '../../../electron/journal/journal-file';

const [dataDir, firstId, now] = process.argv.slice(2).map((arg, i) => (i === 0 ? arg : Number(arg))) as [string, number, number];
const journal = new OrderJournal({ dataDir, now: () => now, log: (level, message) => writeSync(2, `${level}: ${message}\n`) });
// A request of a few KiB, so a kill has more chances to land inside a write.
const note = 'x'.repeat(4096);
for (let orderId = firstId; ; orderId++) {
  const result = journal.append({ t: now, account: 'DU111', clientId: 7, orderId, op: 'place', request: { symbol: 'AAPL', quantity: 100, note } });
  if (!result.ok) {
    writeSync(2, `${result.sentence}\n`);
    process.exit(1);
  }
  writeSync(1, `ack ${orderId}\n`);
}
