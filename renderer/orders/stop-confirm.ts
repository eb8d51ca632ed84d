// Asks the stop question of confirm-policy.ts (a stop that triggers at once) in the one
// confirm dialog, and says "Not sent" where the order was typed when the trader declines.

import { useConfirm, useFeedback, type Origin } from '../stores/ui';
import { stopConfirmation } from './confirm-policy';

/** true = go ahead (no warning, or the trader said "Send anyway"). */
export async function stopConfirmed(origin: Origin, text: string, warning: string | null): Promise<boolean> {
  const question = stopConfirmation(text, warning);
  if (question === null) return true;
  const yes = await useConfirm.getState().ask(question.title, question.lines, question.confirmLabel);
  if (!yes) useFeedback.getState().show(origin, { kind: 'info', text: question.declined });
  return yes;
}
