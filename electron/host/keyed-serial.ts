// Runs jobs that share a key one after another, in the order they arrived.
// One renderer's quotes.subscribe awaits a symbol lookup, while its
// unsubscribe did not: an unsubscribe typed after a subscribe ran first,
// found nothing to drop, and the subscribe then held the symbol for ever
// (a leaked market-data line). Keyed by client and symbol, so other symbols
// and other clients never wait.

export type KeyedSerial = <T>(key: string, job: () => Promise<T>) => Promise<T>;

export function createKeyedSerial(): KeyedSerial {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, job: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key);
    // Nothing ahead: start now, so the job's first step (a lookup) runs synchronously as before.
    const run = previous ? previous.then(job) : job();
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
