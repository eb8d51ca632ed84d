// The latest margin check (IB what-if) per entry point, shown under the ticket
// and the command line until the order changes or is sent.

import { create } from 'zustand';
import type { WhatIfPreview } from '../../shared/model';

export type WhatIfOrigin = 'ticket' | 'command-line';

export type WhatIfState =
  | { kind: 'checking'; order: string }
  | { kind: 'done'; order: string; preview: WhatIfPreview }
  | { kind: 'refused'; order: string; reason: string };

export interface WhatIfStore {
  byOrigin: Partial<Record<WhatIfOrigin, WhatIfState>>;
  set(origin: WhatIfOrigin, state: WhatIfState | null): void;
}

export const useWhatIf = create<WhatIfStore>((set) => ({
  byOrigin: {},
  set: (origin, state) =>
    set((s) => {
      const byOrigin = { ...s.byOrigin };
      if (state === null) delete byOrigin[origin];
      else byOrigin[origin] = state;
      return { byOrigin };
    }),
}));
