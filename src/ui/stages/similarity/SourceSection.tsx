import '../../components/ProgressBar.css';
import { useLab } from '../../hooks/useLab';
import { fmtNum, fmtSeconds } from '../../training/format';
import type { LiveRun } from '../../training/live';
import { optionTitle, sourceTitle } from './sources';
import type { SimilarityStore } from './store';
import { useSimilarity } from './useSimilarity';

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The quick MF in flight: phase, epoch, and a way out. */
function QuickProgress({ live, store }: { live: LiveRun; store: SimilarityStore }) {
  const p = live.progress;
  const training = p !== null && !/evaluat|prepar/.test(live.phase);
  const fraction = training ? Math.min(1, (p.epoch - 1 + p.batch / Math.max(1, p.batches)) / p.epochs) : null;
  return (
    <div className="progress" role="status" data-testid="similarity-quick-progress">
      <div className="progress-top">
        <span className="progress-label">Quick MF: {cap(live.phase)}</span>
        <button type="button" className="btn btn-ghost btn-small" onClick={store.cancelQuick}>
          Cancel
        </button>
      </div>
      <div
        className={`progress-track ${fraction === null ? 'indeterminate' : ''}`}
        role="progressbar"
        aria-label="Quick MF training"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div
          className="progress-fill"
          style={{ width: fraction === null ? undefined : `${fraction * 100}%` }}
        />
      </div>
      <span className="progress-text">
        {training
          ? `epoch ${p.epoch} of ${p.epochs} · ${fmtSeconds(p.elapsedSeconds)} training`
          : 'Starting…'}
      </span>
    </div>
  );
}

function QuickMf({ store, first }: { store: SimilarityStore; first: boolean }) {
  const { state } = useLab();
  const quick = useSimilarity(store, (s) => s.quick);
  const ready = state.phase === 'ready' && state.dataset !== null && quick.live === null;
  return (
    <div className="quick-mf">
      <button
        type="button"
        className={first ? 'btn' : 'btn btn-ghost btn-small'}
        disabled={!ready}
        onClick={() => void store.trainQuick()}
        data-testid="similarity-train-quick"
      >
        Train a quick MF
      </button>
      {first && (
        <span className="hint">
          The NCF stage’s matrix factorisation in large batches for 12 epochs, on the Data stage’s split:
          about 10 seconds on WASM for MovieLens-100k.
        </span>
      )}
      {quick.live && <QuickProgress live={quick.live} store={store} />}
      {quick.error && <p className="alert alert-error">{quick.error}</p>}
      {quick.last && !quick.live && (
        <p className="muted" data-testid="similarity-quick-done">
          Quick MF trained in {fmtSeconds(quick.last.seconds)}
          {quick.last.hr !== null ? `; HR@10 over all items ${fmtNum(quick.last.hr, 3)}` : ''}.
        </p>
      )}
    </div>
  );
}

/** Which run's vectors the stage shows: every kept run with item vectors, by run and block. */
export function SourceSection({ store }: { store: SimilarityStore }) {
  const { state } = useLab();
  const sources = useSimilarity(store, (s) => s.sources);
  const selected = useSimilarity(store, (s) => s.selected);
  const labels = useSimilarity(store, (s) => s.runLabels);
  const error = useSimilarity(store, (s) => s.sourcesError);
  if (sources === null) {
    const failed = state.phase === 'failed' ? `The lab worker failed: ${state.fatal}` : error;
    return failed ? (
      <p className="alert alert-error">{failed}</p>
    ) : (
      <p className="muted" data-testid="similarity-sources-waiting">
        Starting the lab worker…
      </p>
    );
  }
  if (sources.length === 0) {
    return (
      <div className="empty-state sim-empty" data-testid="similarity-no-sources">
        <p>
          No trained model with item vectors yet. Train MF, GMF, MLP or NeuMF in the{' '}
          <a href="#ncf">NCF stage</a> (the Sequential and Two-tower stages’ models count too, once they
          land), or train a quick one here.
        </p>
        <QuickMf store={store} first />
      </div>
    );
  }
  const value = selected ? `${selected.runHandle}\u0000${selected.block}` : '';
  return (
    <div className="sim-sources">
      <label className="field sim-source-field">
        <span>Vectors from</span>
        <select
          value={value}
          data-testid="similarity-source"
          onChange={(e) => {
            const [runHandle, block] = e.target.value.split('\u0000');
            store.select({ runHandle, block });
          }}
        >
          {sources.map((s) => (
            <optgroup key={s.runHandle} label={`${sourceTitle(s, labels)} · ${s.dataset.name}`}>
              {s.blocks.map((b) => (
                <option key={b.name} value={`${s.runHandle}\u0000${b.name}`}>
                  {optionTitle(s, b, labels)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <QuickMf store={store} first={false} />
    </div>
  );
}
