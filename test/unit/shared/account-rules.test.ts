import { describe, expect, it } from 'vitest';
import { accountClashes, gatewayKey } from '../../../shared/account-rules';

const acct = (id: string, name: string, host: string, port: number, clientId: number) => ({ id, name, host, port, clientId });

describe('rules between accounts', () => {
  it('treats every loopback spelling as one gateway, and other hosts by name', () => {
    expect(gatewayKey('localhost', 4002)).toBe(gatewayKey('127.0.0.1', 4002));
    expect(gatewayKey('[::1]', 4002)).toBe(gatewayKey('127.1.2.3', 4002));
    expect(gatewayKey(' GW.Example ', 4001)).toBe('gw.example:4001');
    expect(gatewayKey('127.0.0.1', 4001)).not.toBe(gatewayKey('127.0.0.1', 4002));
  });

  it('names both accounts of a client id clash on one gateway, with the first one’s address', () => {
    expect(accountClashes([acct('paper', 'Paper', '127.0.0.1', 4002, 7), acct('live', 'Live', 'localhost', 4002, 7)])).toEqual([
      { field: 'clientId', first: 0, second: 1, message: 'accounts "Paper" and "Live" both use client id 7 on 127.0.0.1:4002' },
    ]);
  });

  it('allows one client id on two gateways, and two client ids on one', () => {
    expect(accountClashes([acct('a', 'A', '127.0.0.1', 4002, 7), acct('b', 'B', '127.0.0.1', 4001, 7), acct('c', 'C', '127.0.0.1', 4002, 8)])).toEqual([]);
  });

  it('refuses the same id twice, whatever its case', () => {
    expect(accountClashes([acct('paper', 'Paper', 'h1', 1, 1), acct('PAPER', 'Paper 2', 'h2', 1, 1)])).toEqual([
      { field: 'id', first: 0, second: 1, message: 'accounts "Paper" and "Paper 2" both have the id "PAPER"' },
    ]);
  });
});
