import { useRef, useState, type KeyboardEvent } from 'react';
import { describeGroup, describeOrder, previewCommand, type ParseResult } from '../../shared/command-line';
import type { JanusBridge } from '../../shared/ipc';
import { WORKING_STATUSES, type OrderGroup, type OrderRequest } from '../../shared/model';
import type { ParsedGroup, ParsedOrder } from '../../shared/command-line';
import { useBridge } from '../bridge/context';
import {
  cancelAllOrders,
  cancelOrder,
  cancelSymbolOrders,
  checkModify,
  flatten,
  flattenAll,
  parseLine,
  previewProblem,
  reverse,
  submitGroup,
  submitModify,
  submitOrder,
} from '../orders';
import { stopTriggersAtOnce } from '../../shared/stop-warning';
import { stopConfirmed } from '../orders/stop-confirm';
import { checkMargin } from '../orders/what-if';
import { useWhatIf } from '../stores/what-if';
import { useInstruments, useOrders, useSettings } from '../stores/broker-state';
import { orderError, useFeedback, useTicket, type Feedback as FeedbackValue } from '../stores/ui';
import { useQuotes } from '../stores/quotes';
import { defaultAccount, useAccountChoices, type AccountChoice } from './accounts';
import { lineStopWarning } from './line-stop-warning';
import { Feedback } from './Feedback';
import { WhatIfResult } from './WhatIfResult';

export const COMMAND_LINE_ID = 'command-line-input';
export const COMMAND_LINE_HINT = 'F2 or /';
const HISTORY_LIMIT = 100;

export function previewText(parsed: ParseResult): { text: string; ok: boolean } {
  switch (parsed.kind) {
    case 'empty':
      return { text: 'buy 100 AAPL · b AAPL 100 187.50 · sstop 100 AAPL 180 179.50 · cancel 42 · cancel all', ok: false };
    case 'error':
      return { text: parsed.message, ok: false };
    case 'order':
      return { text: describeOrder(parsed.order), ok: true };
    case 'cancel':
      return { text: `CANCEL #${parsed.orderId}${parsed.account ? ` @${parsed.account}` : ''}`, ok: true };
    case 'cancel-all':
      return { text: `CANCEL ALL working orders${parsed.account ? ` @${parsed.account}` : ' in every account'}`, ok: true };
    default:
      return previewCommand(parsed);
  }
}

/** Which account a `cancel N` or `mod N` without @account means: the one working order with that id. */
export function cancelTarget(orderId: number, account: string | undefined): { account: string } | { reason: string } {
  if (account) return { account };
  const orders = Object.values(useOrders.getState().byKey).filter((o) => o.orderId === orderId);
  const working = orders.filter((o) => WORKING_STATUSES.includes(o.status));
  const pool = working.length > 0 ? working : orders;
  const accounts = [...new Set(pool.map((o) => o.account))];
  if (accounts.length === 1 && accounts[0] !== undefined) return { account: accounts[0] };
  if (accounts.length === 0) return { reason: `no order ${orderId} in any account` };
  return { reason: `order ${orderId} exists in accounts ${accounts.join(', ')}: add @account` };
}

/** The account a line without `@ACCOUNT` goes to: the ticket's, else the settings' default. */
export function accountFor(choices: readonly AccountChoice[]): string {
  const ticketAccount = useTicket.getState().fields.account;
  if (ticketAccount !== '') return ticketAccount;
  return defaultAccount(choices, useSettings.getState().settings?.defaults.account);
}

/** A parsed group with the default account on every leg the line left without one. */
function groupFor(group: ParsedGroup, account: string): OrderGroup {
  const leg = (o: ParsedOrder): OrderRequest => ({ ...o, account: o.account ?? account });
  if (group.kind === 'oco') return { kind: 'oco', legs: group.legs.map(leg) };
  const out: OrderGroup = { kind: 'bracket', entry: leg(group.entry) };
  if (group.takeProfit) out.takeProfit = leg(group.takeProfit);
  if (group.stopLoss) out.stopLoss = leg(group.stopLoss);
  return out;
}

/** The stop warning against the quote at the moment of sending (not the one the preview showed). */
const stopWarningNow = (parsed: ParseResult): string | null => lineStopWarning(parsed, (symbol) => useQuotes.getState().bySymbol[symbol]);

/** Shows what an action answered; true when it went out (the line clears). */
function shown(result: FeedbackValue | null, notSent: string): boolean {
  useFeedback.getState().show('command-line', result ?? { kind: 'info', text: notSent });
  return result?.kind === 'info';
}

/** Runs one parsed line: also the path a hotkey's line takes, so both answer alike. */
export async function run(bridge: JanusBridge, parsed: ParseResult, choices: readonly AccountChoice[]): Promise<boolean> {
  const feedback = useFeedback.getState();
  const account = accountFor(choices);
  switch (parsed.kind) {
    case 'empty':
      return false;
    case 'error':
      feedback.show('command-line', orderError(parsed.message));
      return false;
    case 'order': {
      const order: OrderRequest = { ...parsed.order, account: parsed.order.account ?? account };
      if (order.account === '') return shown(orderError('no account to send to'), '');
      if (!(await stopConfirmed('command-line', describeOrder(order), stopWarningNow(parsed)))) return false;
      return (await submitOrder(bridge, order, 'command-line')) === 'sent';
    }
    case 'group': {
      const legs = parsed.group.kind === 'oco' ? parsed.group.legs : [parsed.group.entry];
      if (account === '' && legs.some((o) => o.account === null)) return shown(orderError('no account to send to'), '');
      const group = groupFor(parsed.group, account);
      if (!(await stopConfirmed('command-line', describeGroup(group), stopWarningNow(parsed)))) return false;
      return (await submitGroup(bridge, group, 'command-line')) === 'sent';
    }
    case 'cancel':
    case 'modify': {
      const target = cancelTarget(parsed.orderId, parsed.account);
      if ('reason' in target) return shown(orderError(target.reason), '');
      if (parsed.kind === 'cancel') return shown(await cancelOrder(bridge, target.account, parsed.orderId), '');
      // A modify that moves a stop through the market triggers it at once: asked, as a new stop is.
      const check = checkModify(target.account, parsed.orderId, parsed.changes);
      if (check.ok && !(await stopConfirmed('command-line', check.preview, stopTriggersAtOnce(check.request, useQuotes.getState().bySymbol[check.request.symbol])))) return false;
      return shown(await submitModify(bridge, target.account, parsed.orderId, parsed.changes, 'command-line'), '');
    }
    case 'cancel-all':
      return shown(await cancelAllOrders(bridge, parsed.account), 'Cancel all: not sent');
    case 'cancel-symbol':
      return shown(await cancelSymbolOrders(bridge, parsed.symbol, parsed.account), '');
    case 'flatten':
    case 'reverse': {
      const target = parsed.account ?? account;
      if (target === '') return shown(orderError('no account to send to'), '');
      const act = parsed.kind === 'flatten' ? flatten : reverse;
      return shown(await act(bridge, parsed.symbol, target), '');
    }
    case 'flatten-all':
      return shown(await flattenAll(bridge, parsed.account), 'Flat all: not sent');
  }
}

export function CommandLine() {
  const bridge = useBridge();
  const choices = useAccountChoices();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const history = useRef<string[]>([]);
  // Position while recalling: history.length = the line being typed.
  const cursor = useRef(0);
  const draft = useRef('');

  const settings = useSettings((s) => s.settings);
  const parse = (line: string): ParseResult => parseLine(line, accountFor(choices));
  const parsed = parse(text);
  const instrument = useInstruments((s) => (parsed.kind === 'order' ? s.bySymbol[parsed.order.symbol] : undefined));
  const warning = parsed.kind === 'order' ? previewProblem({ ...parsed.order, account: parsed.order.account ?? '' }, instrument, settings) : null;
  const base = previewText(parsed);
  const preview = warning ? { text: `${base.text} — ${warning}`, ok: false } : base;
  const stopWarning = useQuotes(() => lineStopWarning(parsed, (symbol) => useQuotes.getState().bySymbol[symbol]));

  const submit = async (): Promise<void> => {
    if (busy) return;
    const line = text.trim();
    if (line === '') return;
    setBusy(true);
    try {
      const done = await run(bridge, parse(line), choices);
      if (history.current[history.current.length - 1] !== line) {
        history.current = [...history.current, line].slice(-HISTORY_LIMIT);
      }
      cursor.current = history.current.length;
      draft.current = '';
      // A refused line stays so it can be fixed; a sent one clears.
      if (done) {
        setText('');
        useWhatIf.getState().set('command-line', null);
      }
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const h = history.current;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      // Check margin: the typed order's what-if, nothing sent.
      e.preventDefault();
      const line = parse(text.trim());
      if (line.kind !== 'order') {
        useFeedback.getState().show('command-line', orderError(line.kind === 'error' ? line.message : 'Ctrl+Enter checks the margin of an order line'));
        return;
      }
      const account = line.order.account ?? accountFor(choices);
      if (account === '') useFeedback.getState().show('command-line', orderError('no account to check against'));
      else void checkMargin(bridge, { ...line.order, account }, 'command-line');
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (cursor.current === h.length) draft.current = text;
      if (cursor.current > 0) {
        cursor.current -= 1;
        setText(h[cursor.current] ?? '');
      }
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (cursor.current < h.length) {
        cursor.current += 1;
        setText(cursor.current === h.length ? draft.current : (h[cursor.current] ?? ''));
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setText('');
      cursor.current = h.length;
      useFeedback.getState().show('command-line', null);
    }
  };

  return (
    <section className="panel command-line" aria-label="Command line">
      <div className="cmd-row">
        <span className="prompt" aria-hidden="true">
          &gt;
        </span>
        <input
          id={COMMAND_LINE_ID}
          aria-label="Command"
          aria-describedby="command-line-preview"
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder={`Type an order, e.g. buy 100 AAPL 187.50   (${COMMAND_LINE_HINT} to focus)`}
          onChange={(e) => {
            setText(e.target.value);
            cursor.current = history.current.length;
          }}
          onKeyDown={onKeyDown}
        />
        <kbd className="hint" title="Focus the command line from anywhere">
          {COMMAND_LINE_HINT}
        </kbd>
      </div>
      <output id="command-line-preview" className={`preview ${preview.ok ? '' : 'muted'}`} aria-label="Command preview">
        {preview.text}
      </output>
      {stopWarning && (
        <p className="preview-warning" role="note" aria-label="Command warning">
          Warning: {stopWarning}
        </p>
      )}
      <WhatIfResult origin="command-line" />
      <Feedback origin="command-line" />
    </section>
  );
}
