import '../components/ProgressBar.css';
import './training.css';
import { memo } from 'react';
import { NumberField } from '../components/NumberField';
import { useLab } from '../hooks/useLab';
import { kindShort, prepLabel, progressParts, splitLabel } from './format';
import type { LiveRun } from './live';
import { QUICK_USERS } from './settings';
import type { TrainingStore } from './store';
import { useTraining } from './useTraining';

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Where the run is: phase, epoch and batch, speed and time left, with pause, resume, stop and cancel. */
function TrainProgress({ live, store }: { live: LiveRun; store: TrainingStore }) {
  const p = live.progress;
  const training = p !== null && !/evaluat|prepar/.test(live.phase);
  const fraction = training ? Math.min(1, (p.epoch - 1 + p.batch / Math.max(1, p.batches)) / p.epochs) : null;
  const parts = p ? progressParts(p) : [];
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
function QuickLook({ store }: { store: TrainingStore }) {
  const q = useTraining(store, (s) => s.settings.quick);
  const busy = useTraining(store, (s) => s.live !== null);
  const lim = QUICK_USERS.type === 'int' ? QUICK_USERS : { min: 10, max: 1e6 };
  return (
    <div className="quick-look">
      <label className="check">
        <input
          type="checkbox"
          checked={q.on}
          disabled={busy}
          data-testid={`${store.stage}-quick`}
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
        testId={`${store.stage}-quick-users`}
      />
      <p className="hint">
        Minutes become seconds on a slow backend, but the numbers describe those users only: compare them with
        other quick looks, not with full runs.
      </p>
    </div>
  );
}

/** The train button, beside the model chips. */
export function TrainButton({ store }: { store: TrainingStore }) {
  const { state } = useLab();
  const kind = useTraining(store, (s) => s.settings.kind);
  const busy = useTraining(store, (s) => s.live !== null);
  const ready = state.phase === 'ready' && state.dataset !== null && !busy;
  return (
    <button
      type="button"
      className="btn btn-train"
      disabled={!ready}
      onClick={() => void store.train()}
      data-testid="train-button"
    >
      Train {kindShort(store.spec, kind)}
    </button>
  );
}

/** What a run will train on, the quick look, and the run in flight with its controls. */
export const TrainBar = memo(function TrainBar({ store }: { store: TrainingStore }) {
  const { state } = useLab();
  const live = useTraining(store, (s) => s.live);
  const error = useTraining(store, (s) => s.error);
  const quick = useTraining(store, (s) => s.settings.quick);
  const prep = useTraining(store, (s) => s.settings.config.prep);
  const ds = state.dataset;
  const split = store.spec.sharedPrep
    ? `${prepLabel(state.prepConfig)} (set in the Data stage)`
    : (prep as { split?: Parameters<typeof splitLabel>[0] }).split
      ? splitLabel((prep as { split: Parameters<typeof splitLabel>[0] }).split)
      : '';
  const backend = state.info?.backend;
  return (
    <div className="train-bar">
      {backend?.softwareAdapter && backend.name === 'webgpu' && (
        <p className="alert alert-warn" data-testid="software-adapter">
          WebGPU here runs on a software adapter ({backend.adapter}), a CPU emulation that trains about 100
          times slower than WASM. Force WASM with the backend badge at the top, or use the quick look below.
        </p>
      )}
      <p className="muted train-on">
        {ds ? (
          <>
            Trains on <b>{ds.name}</b>
            {quick.on ? `, users with the ${quick.users} lowest ids` : ''}
            {split ? `: ${split}` : ''}.
          </>
        ) : (
          'Load a dataset in the Data stage first.'
        )}
      </p>
      <QuickLook store={store} />
      {live && <TrainProgress live={live} store={store} />}
      {error && (
        <div className="alert alert-error" role="alert" data-testid="train-error">
          <span>
            <strong>Training failed.</strong> {error}
          </span>
        </div>
      )}
    </div>
  );
});
