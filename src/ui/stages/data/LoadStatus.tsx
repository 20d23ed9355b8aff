import { useLab } from '../../hooks/useLab';
import { ProgressBar } from '../../components/ProgressBar';

/** The load in flight (with its cancel button) or the error of the last one. */
export function LoadStatus() {
  const { state, lab } = useLab();
  const a = state.attempt;
  if (!a) return null;
  if (a.job) return <ProgressBar job={a.job} onCancel={lab.cancelLoad} testId="load-progress" />;
  // Loader messages start with the file name, which the heading already gives.
  const reason = a.error?.startsWith(`${a.label}: `) ? a.error.slice(a.label.length + 2) : a.error;
  return (
    <div className="alert alert-error" role="alert" data-testid="load-error">
      <div>
        <strong>Could not load {a.label}:</strong> <span data-testid="load-error-reason">{reason}</span>
        {state.dataset && (
          <p className="alert-sub">Still showing {state.dataset.name}: nothing already loaded was lost.</p>
        )}
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={lab.dismissError}
        aria-label="Dismiss"
      >
        ✕
      </button>
    </div>
  );
}
