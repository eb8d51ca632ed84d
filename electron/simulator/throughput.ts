// Throughput helper for benchmarks: push `ticks` ticks through the simulator's
// sockets as fast as they drain (Simulator.burst) and report the rate. The
// caller subscribes its clients first; with no subscriber nothing is written.

import type { Simulator } from './api';

export interface ThroughputResult {
  written: number;
  elapsedMs: number;
  ticksPerSecond: number;
}

export async function measureThroughput(simulator: Pick<Simulator, 'burst'>, ticks: number): Promise<ThroughputResult> {
  if (!Number.isInteger(ticks) || ticks <= 0) throw new Error(`ticks must be a positive integer, got ${ticks}`);
  const { written, elapsedMs } = await simulator.burst(ticks);
  const ticksPerSecond = elapsedMs > 0 ? (written * 1000) / elapsedMs : 0;
  return { written, elapsedMs, ticksPerSecond };
}
