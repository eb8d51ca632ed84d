import type { IBApi } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { disableNagle, tcpSocketOf } from '../../../electron/ib/no-delay';

describe('disableNagle', () => {
  it('sets no-delay on the socket @stoqey/ib keeps at controller.socket.client', () => {
    const calls: unknown[] = [];
    const api = { controller: { socket: { client: { setNoDelay: (on?: boolean) => calls.push(on) } } } } as unknown as IBApi;
    expect(disableNagle(api)).toBe(true);
    expect(calls).toEqual([true]);
  });

  it('answers false, touching nothing, when this build hides the socket or has not made it yet', () => {
    expect(disableNagle({} as IBApi)).toBe(false);
    expect(disableNagle({ controller: { socket: {} } } as unknown as IBApi)).toBe(false);
    expect(tcpSocketOf({ controller: { socket: { client: { setNoDelay: 1 } } } } as unknown as IBApi)).toBeNull();
  });
});
