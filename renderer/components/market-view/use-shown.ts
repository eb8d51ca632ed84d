// Whether a panel is on screen: a panel in a tab behind another has no size.
// Hidden panels let their streams go, so a Depth tab nobody looks at does not
// hold one of IB's three depth lines. Where there is no layout (no
// ResizeObserver callbacks, as in jsdom), a panel counts as shown.

import { useEffect, useState, type RefObject } from 'react';

export function useShown(ref: RefObject<HTMLElement | null>): boolean {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) setShown(box.width > 0 && box.height > 0);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return shown;
}
