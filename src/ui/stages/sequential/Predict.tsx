/**
 * Predict: a user's real latest items, or a sequence built by hand, and every kept model's top 5 next
 * items after it, side by side (seed 000's step 5, on real titles).
 */
import { memo, useState } from 'react';
import type { NextItems, RecItem, SequenceInput } from '../../../worker/protocol';
import { NumberField } from '../../components/NumberField';
import { useTraining } from '../../training/useTraining';
import { Columns, Sequence } from './Columns';
import { SequenceBuilder } from './SequenceBuilder';
import type { Column, SeqStore } from './store';
import { useAnswer } from '../../hooks/useAnswer';

const TOP = 5;

type Mode = 'user' | 'sequence';

/** The sequence as the model that reads furthest back saw it. */
function longest(cols: Column[]): NextItems | null {
  let best: NextItems | null = null;
  for (const c of cols)
    if (c.answer.ok && (best === null || c.answer.value.window.length > best.window.length))
      best = c.answer.value;
  return best;
}

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'user', label: 'A user’s real history' },
  { mode: 'sequence', label: 'A sequence you build' },
];

export const Predict = memo(function Predict({ store }: { store: SeqStore }) {
  const runs = useTraining(store, (s) => s.runs);
  const [mode, setMode] = useState<Mode>('user');
  const [user, setUser] = useState(1);
  const [items, setItems] = useState<RecItem[]>([]);
  const [excludeSeen, setExcludeSeen] = useState(true);
  const kept = runs.filter((r) => r.modelKept);
  const searchRun = kept.at(-1) ?? null;
  // Item indices belong to a dataset: a hand-built sequence goes only to models of the searched one.
  const asked =
    mode === 'user' ? kept : kept.filter((r) => r.result.dataset.id === searchRun?.result.dataset.id);
  const input: SequenceInput | null =
    mode === 'user' ? { userId: String(user) } : items.length ? { items: items.map((i) => i.item) } : null;
  const key =
    input && asked.length ? JSON.stringify([input, excludeSeen, asked.map((r) => r.result.runHandle)]) : null;
  const { answer: cols, loading } = useAnswer(key, () =>
    input ? store.predict(asked, input, TOP, excludeSeen) : Promise.resolve([]),
  );
  if (runs.length === 0) return null;
  const shown = key ? (cols ?? []) : [];
  return (
    <section className="seq-predict" data-testid="seq-predict">
      <h3 className="section-title">Predict: what comes next</h3>
      <div className="seq-predict-form">
        <div className="model-chips" role="radiogroup" aria-label="Sequence">
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              role="radio"
              aria-checked={mode === m.mode}
              className={`model-chip ${mode === m.mode ? 'active' : ''}`}
              onClick={() => setMode(m.mode)}
              data-testid={`seq-mode-${m.mode}`}
            >
              {m.label}
            </button>
          ))}
        </div>
        {mode === 'user' && (
          <NumberField
            label="User id"
            value={user}
            min={1}
            max={1e9}
            integer
            onChange={setUser}
            testId="seq-user"
          />
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={excludeSeen}
            onChange={(e) => setExcludeSeen(e.target.checked)}
            data-testid="seq-exclude-seen"
          />
          Leave out movies already watched
        </label>
      </div>
      {mode === 'sequence' && searchRun && (
        <SequenceBuilder store={store} run={searchRun} items={items} onChange={setItems} />
      )}
      {kept.length === 0 ? (
        <p className="empty-state">
          The worker no longer keeps any of these models (it keeps the last few, and none after a restart):
          train one again to predict.
        </p>
      ) : mode === 'sequence' && items.length === 0 ? null : (
        <div
          className={`seq-predict-grid ${loading ? 'stale' : ''}`}
          data-testid="seq-predict-grid"
          data-loading={loading}
        >
          {mode === 'user' && <Sequence got={longest(shown)} label={`User ${user}’s latest, oldest first`} />}
          <Columns cols={shown} store={store} />
        </div>
      )}
      {loading && shown.length === 0 && <p className="muted">Asking every model…</p>}
      <p className="hint">
        One column per model the worker keeps (the last {kept.length > 0 ? kept.length : 'few'}), each reading
        at most its own window of latest items. Percentages are the softmax’s probability of coming next; the
        baselines show counts.
        {mode === 'sequence' &&
          asked.length < kept.length &&
          ` ${kept.length - asked.length} kept model${kept.length - asked.length > 1 ? 's' : ''} trained on other data ${kept.length - asked.length > 1 ? 'are' : 'is'} left out.`}
      </p>
    </section>
  );
});
