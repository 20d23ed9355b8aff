/** A sequence built by hand: search titles (typos forgiven), add them in the order watched, remove any. */
import { useState } from 'react';
import type { RecItem } from '../../../worker/protocol';
import { itemTitle } from '../../components/ItemLabel';
import type { RunRecord } from '../../training/store';
import type { SeqStore } from './store';
import { useAnswer } from '../../hooks/useAnswer';

const RESULTS = 8;

interface Props {
  store: SeqStore;
  /** The run whose dataset the titles come from. */
  run: RunRecord;
  items: RecItem[];
  onChange: (items: RecItem[]) => void;
}

export function SequenceBuilder({ store, run, items, onChange }: Props) {
  const [query, setQuery] = useState('');
  const q = query.trim();
  const key = q.length >= 2 ? `${run.result.runHandle}|${q}` : null;
  const { answer } = useAnswer(key, () => store.search(run, q, RESULTS));
  return (
    <div className="seq-builder" data-testid="seq-builder">
      <label className="field seq-search">
        <span>Search a title in {run.result.dataset.name}</span>
        <input
          type="search"
          value={query}
          placeholder="star wars, toy story…"
          onChange={(e) => setQuery(e.target.value)}
          data-testid="seq-search"
        />
      </label>
      {key && answer && !answer.ok && <p className="hint">{answer.reason}</p>}
      {key && answer?.ok && (
        <div className="seq-results" data-testid="seq-results">
          {answer.value.length === 0 && <span className="hint">No title matches “{q}”.</span>}
          {answer.value.map((m) => (
            <button
              key={m.item}
              type="button"
              className="btn btn-ghost btn-small"
              data-testid="seq-result"
              onClick={() => onChange([...items, m])}
              title="Add to the end of the sequence"
            >
              + {itemTitle(m)}
            </button>
          ))}
        </div>
      )}
      <div className="seq-chips" data-testid="seq-chips">
        {items.length === 0 ? (
          <span className="hint">Search above and add movies in the order they were watched.</span>
        ) : (
          <>
            {items.map((it, j) => (
              <span className="seq-chip" key={`${it.item}-${j}`} data-testid="seq-chip">
                {j + 1}. {itemTitle(it)}
                <button
                  type="button"
                  aria-label={`Remove ${itemTitle(it)}`}
                  onClick={() => onChange(items.filter((_, i) => i !== j))}
                >
                  ×
                </button>
              </span>
            ))}
            <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange([])}>
              Clear
            </button>
          </>
        )}
      </div>
    </div>
  );
}
