import { describe, expect, it } from 'vitest';
import { acquireBuildLock } from '../../../test/electron/build-lock';

describe('acquireBuildLock', () => {
  it('lets one holder at a time in, the next as soon as it is released', async () => {
    const repo = `/nonexistent/janus-lock-test-${process.pid}-${Date.now()}`;
    const order: string[] = [];
    const releaseFirst = await acquireBuildLock(repo);
    order.push('first in');
    const second = acquireBuildLock(repo).then((release) => {
      order.push('second in');
      release();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    order.push('first out');
    releaseFirst();
    await second;
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });
});
