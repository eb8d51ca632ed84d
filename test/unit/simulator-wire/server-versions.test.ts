// Our table of IB's MIN_SERVER_VER constants must match @stoqey/ib's, and the
// handshake answers what TWS answers.

import { MIN_SERVER_VER as STOQEY } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { MAX_SERVER_VER, MIN_SERVER_VER, negotiateVersion } from '../../../electron/simulator/wire/server-versions';

describe('MIN_SERVER_VER', () => {
  it.each(Object.entries(MIN_SERVER_VER))('%s is %i, as @stoqey/ib has it', (name, value) => {
    expect((STOQEY as unknown as Record<string, number>)[name]).toBe(value);
  });

  it('the maximum is the newest version @stoqey/ib 1.6.10 knows', () => {
    const newest = Math.max(...Object.values(STOQEY).filter((v): v is number => typeof v === 'number'));
    expect(MAX_SERVER_VER).toBe(newest);
  });
});

describe('negotiateVersion', () => {
  it('answers the highest version in both ranges', () => {
    expect(negotiateVersion(100, 193)).toEqual({ ok: true, version: 193 });
    expect(negotiateVersion(157, 178)).toEqual({ ok: true, version: 178 });
    expect(negotiateVersion(100, 250)).toEqual({ ok: true, version: 193 });
  });

  it('refuses a range wholly below 100 with the reason', () => {
    expect(negotiateVersion(38, 99)).toEqual({ ok: false, reason: 'client versions 38..99 are all below 100' });
  });
});
