import { useFeedback, type Origin } from '../stores/ui';

/** What the last order from this entry point came to: "Order Error: …" or what was sent. */
export const feedbackLabel = (origin: Origin): string =>
  origin === 'ticket' ? 'Ticket message' : origin === 'ladder' ? 'Ladder message' : 'Command line message';

export function Feedback({ origin }: { origin: Origin }) {
  const fb = useFeedback((s) => s.byOrigin[origin]);
  if (!fb) return <div className="feedback" aria-live="polite" />;
  return fb.kind === 'error' ? (
    <div className="feedback msg-error" role="alert" aria-label={feedbackLabel(origin)}>
      {fb.text}
    </div>
  ) : (
    <div className="feedback msg-info" role="status" aria-label={feedbackLabel(origin)}>
      {fb.text}
    </div>
  );
}
