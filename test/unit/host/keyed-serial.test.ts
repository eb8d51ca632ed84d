import { describe, expect, it } from 'vitest';
import { createKeyedSerial } from '../../../electron/host/keyed-serial';

function gate<T>() {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}

describe('keyed serial', () => {
  it('runs jobs of one key in arrival order, each after the previous settled', async () => {
    const serial = createKeyedSerial();
    const log: string[] = [];
    const slow = gate<string>();
    const a = serial('r1:AAPL', async () => {
      log.push('sub start');
      const v = await slow.promise;
      log.push('sub end');
      return v;
    });
    const b = serial('r1:AAPL', async () => {
      log.push('unsub');
      return 'unsubscribed';
    });
    await Promise.resolve();
    expect(log).toEqual(['sub start']);
    slow.open('subscribed');
    expect(await Promise.all([a, b])).toEqual(['subscribed', 'unsubscribed']);
    expect(log).toEqual(['sub start', 'sub end', 'unsub']);
  });

  it('never makes another key wait, and a failed job does not block the next', async () => {
    const serial = createKeyedSerial();
    const never = gate<void>();
    void serial('r1:AAPL', () => never.promise);
    expect(await serial('r2:AAPL', async () => 'other client')).toBe('other client');
    expect(await serial('r1:MSFT', async () => 'other symbol')).toBe('other symbol');
    const failed = serial('r3:SPY', async () => {
      throw new Error('lookup failed');
    });
    const next = serial('r3:SPY', async () => 'still runs');
    await expect(failed).rejects.toThrow('lookup failed');
    expect(await next).toBe('still runs');
  });
});
