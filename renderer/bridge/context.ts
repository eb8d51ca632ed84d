// The bridge reaches components through context, so tests render any panel
// with a fake JanusBridge and the app renders them with the real one.

import { createContext, useContext } from 'react';
import type { JanusBridge } from '../../shared/ipc';

export const BridgeContext = createContext<JanusBridge | null>(null);

export function useBridge(): JanusBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge: no BridgeContext.Provider above this component');
  return bridge;
}
