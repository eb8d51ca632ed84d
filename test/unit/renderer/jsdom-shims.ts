// jsdom has no layout, so no ResizeObserver: the docking layout only needs it to exist
// (sizes stay 0, and a layout of unknown width shows every panel at once).

class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (!('ResizeObserver' in globalThis)) {
  Object.defineProperty(globalThis, 'ResizeObserver', { value: NoLayoutResizeObserver, configurable: true, writable: true });
}
