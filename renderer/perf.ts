// Instrumentation for the UI benchmark, present only when the page URL has
// ?perf=1: frame times (requestAnimationFrame deltas) and tick-to-screen
// latency (host receive time of a quote vs the moment its cell was written,
// inside the frame that paints it), split at the quote's arrival in the page
// (host window + WebSocket + parse, before the wait for the next frame). Off
// by default: the hot path pays one null check.

export interface JanusPerf {
  /** Date.now() - quote.updatedAt for every quote written to a cell. */
  latencies: number[];
  /** Date.now() - quote.updatedAt for every quote when its batch reached the page. */
  arrivals: number[];
  /** requestAnimationFrame deltas in ms since start(). */
  frames: number[];
  start(): void;
  stop(): void;
  /** Returns what was recorded and clears it. */
  take(): { latencies: number[]; arrivals: number[]; frames: number[] };
  recordPaint(updatedAt: number): void;
  recordArrival(updatedAt: number, now: number): void;
}

function createPerf(): JanusPerf {
  let running = false;
  let last = 0;
  const perf: JanusPerf = {
    latencies: [],
    arrivals: [],
    frames: [],
    start() {
      if (running) return;
      running = true;
      last = performance.now();
      const loop = (t: number): void => {
        if (!running) return;
        perf.frames.push(t - last);
        last = t;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    stop() {
      running = false;
    },
    take() {
      const out = { latencies: perf.latencies, arrivals: perf.arrivals, frames: perf.frames };
      perf.latencies = [];
      perf.arrivals = [];
      perf.frames = [];
      return out;
    },
    recordPaint(updatedAt) {
      if (running) perf.latencies.push(Date.now() - updatedAt);
    },
    recordArrival(updatedAt, now) {
      if (running) perf.arrivals.push(now - updatedAt);
    },
  };
  return perf;
}

export const perf: JanusPerf | null =
  typeof window !== 'undefined' && new URLSearchParams(window.location.search).get('perf') === '1' ? createPerf() : null;

if (perf) (window as unknown as { __janusPerf: JanusPerf }).__janusPerf = perf;
