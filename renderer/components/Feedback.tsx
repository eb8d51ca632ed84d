import { useFeedback, type Origin } from '../stores/ui';

/** What the last order from this entry point came to: "Order Error: …" or what was sent. */
export function Feedback({ origin }: { origin: Origin }) {
  const fb = useFeedback((s) => s.byOrigin[origin]);
  if (!fb) return <div className="feedback" aria-live="polite" />;
  return fb.kind === 'error' ? (
    <div className="feedback msg-error" role="alert">
      {fb.text}
    </div>
  ) : (
    <div className="feedback msg-info" role="status">
      {fb.text}
    </div>
  );
}
