import './training.css';
import { memo, useState } from 'react';
import { ItemLabel } from '../components/ItemLabel';
import { NumberField } from '../components/NumberField';
import type { RecItem, Recommendations } from '../../worker/protocol';
import { fmtNum, kindLabel } from './format';
import type { TrainingStore } from './store';
import { useTraining } from './useTraining';

function RecTables({ r }: { r: Recommendations }) {
  const held = new Set(r.heldOut.map((h) => h.item));
  const scoreHead =
    r.scoreKind === 'logit'
      ? 'P(like)'
      : r.scoreKind === 'count'
        ? 'Positives'
        : r.scoreKind === 'rating'
          ? 'Predicted'
          : 'Score';
  return (
    <div className="recs-grid">
      <div>
        <h4>
          Top {r.items.length} for user {r.userId}
        </h4>
        <div className="table-wrap">
          <table className="data" data-testid="recs-list">
            <thead>
              <tr>
                <th>#</th>
                <th>Item</th>
                <th>{scoreHead}</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((it, j) => (
                <tr
                  key={it.item}
                  data-testid="rec-row"
                  data-item-id={it.id}
                  className={held.has(it.item) ? 'hit' : undefined}
                >
                  <td className="num">{j + 1}</td>
                  <td className="title">
                    <ItemLabel it={it} />
                    {held.has(it.item) && <span className="pill pill-ok">held out: a hit</span>}
                  </td>
                  <td className="num">
                    {fmtNum(it.probability ?? it.score, r.scoreKind === 'count' ? 0 : 3)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div>
        <h4>
          Their top-rated training items ({r.history.length} of {r.historyTotal})
        </h4>
        <div className="table-wrap">
          <table className="data" data-testid="recs-history">
            <thead>
              <tr>
                <th>Item</th>
                <th>Rating</th>
              </tr>
            </thead>
            <tbody>
              {r.history.map((it) => (
                <tr key={it.item} data-testid="history-row" data-item-id={it.id}>
                  <td className="title">
                    <ItemLabel it={it} />
                  </td>
                  <td className="num">{it.rating === null ? '—' : it.rating}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {r.heldOut.length > 0 && <HeldOut items={r.heldOut} />}
      </div>
    </div>
  );
}

/** The user's held-out items: a few titles, the rest behind a toggle, so a long list never walls the table. */
function HeldOut({ items }: { items: RecItem[] }) {
  const SHOWN = 3;
  const names = items.map((h) => h.title ?? `item ${h.id}`);
  return (
    <details className="held-out" data-testid="recs-held-out">
      <summary>
        Held out for testing ({items.length}): {names.slice(0, SHOWN).join(', ')}
        {items.length > SHOWN ? '…' : ''}
      </summary>
      {items.length > SHOWN && (
        <ul>
          {names.map((n, j) => (
            <li key={`${n}-${j}`}>{n}</li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** Top K for one user from a kept model, the user's training items left out, beside what they rated. */
export const RecsSection = memo(function RecsSection({ store }: { store: TrainingStore }) {
  const recs = useTraining(store, (s) => s.recs);
  const runs = useTraining(store, (s) => s.runs);
  const [user, setUser] = useState(recs?.userId ?? runs.at(-1)?.result.exampleUsers[0] ?? '1');
  const [k, setK] = useState(recs?.k ?? 10);
  const runNo = recs?.runNo ?? runs.at(-1)?.no ?? 0;
  const run = runs.find((r) => r.no === runNo);
  const kept = runs.filter((r) => r.modelKept);
  const listId = `${store.stage}-recs-users`;
  if (runs.length === 0) return null;
  return (
    <section className="recs" data-testid="recs">
      <h3 className="section-title">Recommendations</h3>
      <form
        className="recs-form"
        onSubmit={(e) => {
          e.preventDefault();
          void store.recommend(user, k, runNo);
        }}
      >
        <label className="field">
          <span>Model</span>
          <select
            value={runNo}
            data-testid="recs-run"
            onChange={(e) => void store.recommend(user, k, Number(e.target.value))}
          >
            {runs.map((r) => (
              <option key={r.no} value={r.no} disabled={!r.modelKept}>
                #{r.no} {kindLabel(store.spec, r.result.config.model.kind)}
                {r.modelKept ? '' : ' (released)'}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>User id</span>
          <input
            type="text"
            value={user}
            list={listId}
            data-testid="recs-user"
            onChange={(e) => setUser(e.target.value)}
          />
          <datalist id={listId}>
            {run?.result.exampleUsers.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </label>
        <NumberField label="How many" value={k} min={1} max={100} integer onChange={setK} testId="recs-k" />
        <button type="submit" className="btn" data-testid="recs-button" disabled={kept.length === 0}>
          Recommend
        </button>
      </form>
      {recs?.loading && <p className="muted">Scoring every item for user {recs.userId}…</p>}
      {recs?.error && (
        <div className="alert alert-error" role="alert" data-testid="recs-error">
          <span>{recs.error}</span>
        </div>
      )}
      {recs?.result && <RecTables r={recs.result} />}
    </section>
  );
});
