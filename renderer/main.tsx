// Entry point: pick the bridge, feed the stores, tick the clock, render.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BridgeContext } from './bridge/context';
import { linkForWindow } from './bridge/link';
import { App } from './components/App';
import './perf';
import { createMarketViewFeed, useMarketView, wireMarketView } from './stores/market-view';
import { browserFrames, createQuoteBatcher, useQuotes } from './stores/quotes';
import { useClock } from './stores/ui';
import { wireLink } from './stores/wire';
import './styles.css';

const link = linkForWindow(window);
const quotes = createQuoteBatcher(useQuotes, browserFrames);
wireLink(link, quotes);
wireMarketView(link.bridge, createMarketViewFeed(useMarketView, browserFrames));
// One clock for every countdown and stale badge: a tick a second.
window.setInterval(() => useClock.getState().tick(Date.now()), 1000);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={link.bridge}>
      <App />
    </BridgeContext.Provider>
  </StrictMode>,
);
link.start();
