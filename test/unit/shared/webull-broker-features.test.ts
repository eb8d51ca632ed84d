import { describe, expect, it } from 'vitest';
import { lackSentence, outsideRthSentence, streamLackSentence, WEBULL_FEATURES } from '../../../shared/broker-features';
import { WEBULL_CAPABILITIES } from '../../../electron/webull';
import { webullOrderProblem } from '../../../electron/webull/mapping/order';

describe('what a broker lacks, as the sentence beside the control', () => {
  it('the Webull adapter hands the host the same row the renderer reads', () => {
    expect(WEBULL_CAPABILITIES).toBe(WEBULL_FEATURES);
    expect(WEBULL_FEATURES).toMatchObject({ whatIf: false, depth: false, history: false, tickByTick: false, bracket: false, quotes: false, trailing: true, modify: true });
  });

  it('names the feature and the broker for a Webull account, nothing for IB', () => {
    expect(lackSentence('webull', 'whatIf')).toBe('Webull offers no margin check (what-if); it is off for Webull accounts');
    expect(lackSentence('webull', 'bracket')).toBe('Webull offers no brackets or OCA exits; it is off for Webull accounts');
    expect(lackSentence('webull', 'trailing')).toBeNull();
    expect(lackSentence('ib', 'whatIf')).toBeNull();
  });

  it('says where Depth, Chart and Time & sales come from when only Webull accounts are connected', () => {
    expect(streamLackSentence('depth', ['webull'])).toBe('Depth comes from IB; no IB account is connected — Webull offers no depth here');
    expect(streamLackSentence('bars', ['webull', 'webull'])).toBe('Chart comes from IB; no IB account is connected — Webull offers no chart history here');
    expect(streamLackSentence('tape', ['webull'])).toBe('Time & sales comes from IB; no IB account is connected — Webull offers no time & sales here');
  });

  it('says nothing while an IB account is connected, or while none is (the panel waits for one)', () => {
    expect(streamLackSentence('depth', ['webull', 'ib'])).toBeNull();
    expect(streamLackSentence('depth', [])).toBeNull();
  });
});

describe('outside regular hours, per broker', () => {
  it('Webull takes only limit orders outside regular hours; the ticket says what the adapter would refuse with', () => {
    expect(outsideRthSentence('webull', 'limit')).toBeNull();
    expect(outsideRthSentence('webull', 'stop-limit')).toBe('Webull trades outside regular hours only with limit orders');
    expect(webullOrderProblem({ side: 'BUY', quantity: 1, type: 'stop-limit', stopPrice: 10, limitPrice: 10.1, tif: 'DAY', outsideRth: true })).toBe(outsideRthSentence('webull', 'stop-limit'));
  });

  it('IB takes limit and stop-limit', () => {
    expect(outsideRthSentence('ib', 'stop-limit')).toBeNull();
    expect(outsideRthSentence('ib', 'stop')).toBe('IB trades outside regular hours only with limit and stop-limit orders');
  });
});
