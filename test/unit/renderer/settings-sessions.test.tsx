import { describe, expect, it } from 'vitest';
import { sessionsStillConfigured } from '../../../renderer/components/settings/retired-sessions';
import { account, connection, settings } from './fake-bridge';

const names = (list: { account: string }[]): string[] => list.map((c) => c.account);

describe('sessions still configured after a save', () => {
  const demo = connection({ account: 'demo', name: 'Demo', simulated: true });
  const paper = connection({ account: 'paper', name: 'Paper', simulated: false });
  const live = connection({ account: 'live', name: 'Live', simulated: false });

  it('the first real account retires the simulated demo', () => {
    expect(names(sessionsStillConfigured([demo, paper], settings({ accounts: [account('paper')] })))).toEqual(['paper']);
  });

  it('a removed account goes, the others stay (ids compared as main compares them)', () => {
    expect(names(sessionsStillConfigured([paper, live], settings({ accounts: [account('LIVE')] })))).toEqual(['live']);
  });

  it('with no account left only the demo stays', () => {
    expect(names(sessionsStillConfigured([demo, paper], settings({ accounts: [], defaults: { tif: 'GTC', quantity: 100, account: null } })))).toEqual(['demo']);
  });
});
