// Fresh stores for every test: they are module singletons in the app.

import './jsdom-shims';
import { useKeyOverlay } from '../../../renderer/keys/global-keys';
import { useSelection } from '../../../renderer/stores/selection';

import { useAccounts, useConnections, useFills, useInstruments, useLog, useOrders, usePositions, useSettings } from '../../../renderer/stores/broker-state';
import { useQuotes } from '../../../renderer/stores/quotes';
import { EMPTY_TICKET, useConfirm, useFeedback, useOrderSelection, useTicket } from '../../../renderer/stores/ui';
import { usePnl } from '../../../renderer/stores/pnl';
import { useWhatIf } from '../../../renderer/stores/what-if';
import { useSession } from '../../../renderer/stores/wire';

export function resetStores(): void {
  useQuotes.setState({ bySymbol: {} });
  useOrders.setState({ byKey: {} });
  useFills.setState({ byExecId: {} });
  usePositions.setState({ byKey: {} });
  useAccounts.setState({ byAccount: {} });
  useConnections.setState({ byAccount: {} });
  useLog.setState({ entries: [] });
  useSettings.setState({ settings: null });
  useInstruments.setState({ bySymbol: {} });
  useTicket.setState({ fields: EMPTY_TICKET, defaults: { tif: EMPTY_TICKET.tif, quantity: EMPTY_TICKET.quantity }, modify: null });
  useFeedback.setState({ byOrigin: {}, watched: {} });
  useConfirm.setState({ request: null });
  useOrderSelection.setState({ orderKey: null });
  useSession.setState({ generation: 0, snapshotError: null });
  useSelection.setState({ symbol: '' });
  useKeyOverlay.setState({ open: false });
  usePnl.setState({ byAccount: {} });
  useWhatIf.setState({ byOrigin: {} });
}
