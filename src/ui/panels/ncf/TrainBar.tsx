import { NumberField } from '../../components/NumberField';
import { LIMITS } from '../../hooks/ncfConfig';
import { useLab } from '../../hooks/useLab';
import { useNcf } from '../../hooks/useNcf';
import type { LiveRun } from '../../hooks/ncfStore';
import { fmtRate, fmtSeconds, modelLabel, prepLabel } from './format';

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Where the run is: phase, epoch and batch, speed and time left, with pause, resume, stop and cancel. */
function TrainProgress({ live }: { live: LiveRun }) {
  const { store } = useNcf();
  const p = live.progress;
  const training = p !== null && !/evaluat|prepar/.test(live.phase);
  const fraction = training ? Math.min(1, (p.epoch - 1 + p.batch / Math.max(1, p.batches)) / p.epochs) : null;
  const parts = p
    ? [
        `epoch ${p.epoch} of ${p.epochs}`,
        `batch ${p.batch} of ${p.batches}`,
        fmtRate(p.samplesPerSecond),
        `ETA ${fmtSeconds(p.etaSeconds)}`,
        `${fmtSeconds(p.elapsedSeconds)} training`,
      ]
    : [];
  return (
    <div
      className="progress train-progress"
      role="status"
      data-testid="train-progress"
      data-phase={live.phase}
    >
      <div className="progress-top">
        <span className="progress-label">
          Run #{live.no}: {cap(live.phase)}
          {live.paused ? ' (paused)' : live.stopping ? ' (stopping after this batch)' : ''}
        </span>
        <span className="train-buttons">
          {live.paused ? (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={store.resume}
              data-testid="train-resume"
            >
              Resume
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={store.pause}
              disabled={live.stopping}
              data-testid="train-pause"
            >
              Pause
            </button>
          )}
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={store.stop}
            disabled={live.stopping}
            title="End training now and evaluate the model as it is"
            data-testid="train-stop"
          >
            Stop
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={store.cancel}
            title="Abandon the run"
            data-testid="train-cancel"
          >
            Cancel
          </button>
        </span>
      </div>
      <div
        className={`progress-track ${fraction === null ? 'indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div
          className="progress-fill"
          style={{ width: fraction === null ? undefined : `${fraction * 100}%` }}
        />
      </div>
      <span className="progress-text" data-testid="train-progress-text">
        {parts.length ? parts.join(' · ') : 'Starting…'}
      </span>
    </div>
  );
}

/** Fewer users, for a first look on a slow backend: the same data, cut to the users with the lowest ids. */
function QuickLook() {
  const { ncf, store } = useNcf();
  const q = ncf.quick;
  const busy = ncf.live !== null;
  const lim = LIMITS.users;
  return (
    <div className="quick-look">
      <label className="check">
        <input
          type="checkbox"
          checked={q.on}
          disabled={busy}
          data-testid="ncf-quick"
          onChange={(e) => store.setQuick({ ...q, on: e.target.checked })}
        />
        Quick look: only the users with the lowest ids
      </label>
      <NumberField
        label="Users"
        value={q.users}
        min={lim.min}
        max={lim.max}
        integer
        disabled={!q.on || busy}
        onChange={(users) => store.setQuick({ ...q, users })}
        testId="ncf-quick-users"
      />
      <p className="hint">
        Minutes become seconds on a slow backend, but the numbers describe those users only: compare them with
        other quick looks, not with full runs.
      </p>
    </div>
  );
}

/** The train button, what it will train on, and the run in flight. */
export function TrainBar() {
  const { state } = useLab();
  const { ncf, store } = useNcf();
  const ds = state.dataset;
  const ready = state.phase === 'ready' && ds !== null && ncf.live === null;
  return (
    <div className="train-bar">
      <QuickLook />
      <div className="train-go">
        <button
          type="button"
          className="btn"
          disabled={!ready}
          onClick={() => void store.train()}
          data-testid="train-button"
        >
          Train {modelLabel(ncf.catalog, ncf.kind)}
        </button>
        <span className="muted">
          {ds ? (
            <>
              on <b>{ds.name}</b>
              {ncf.quick.on ? `, users with the ${ncf.quick.users} lowest ids` : ''}:{' '}
              {prepLabel(state.prepConfig)} (set in the Data stage)
            </>
          ) : (
            'Load a dataset in the Data stage first.'
          )}
        </span>
      </div>
      {ncf.live && <TrainProgress live={ncf.live} />}
      {ncf.error && (
        <div className="alert alert-error" role="alert" data-testid="train-error">
          <span>
            <strong>Training failed.</strong> {ncf.error}
          </span>
        </div>
      )}
    </div>
  );
}
