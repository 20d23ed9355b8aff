import { ItemLabel } from '../../components/ItemLabel';
/**
 * The seed's print_existing_user: a user's rated movies with the model's prediction beside the rating,
 * best predicted first, the error per row, and which side of the split each rating was on.
 */
import { useState } from 'react';
import type { Result } from '../../../data/types';
import type { UserRatingRow, UserTable } from '../../../worker/protocol';
import { fmtCount, fmtNum } from '../../training/format';
import type { OutputProps } from './Outputs';

/** Rows shown before "Show all" (the seed prints 20). */
const SHOWN = 20;

type Side = 'all' | UserRatingRow['side'];

const SIDE_LABEL: Record<UserRatingRow['side'], string> = {
  train: 'trained on',
  validation: 'validation',
  test: 'test',
  revealed: 'revealed',
};

function Rows({ rows }: { rows: UserRatingRow[] }) {
  return (
    <tbody>
      {rows.map((r, j) => (
        <tr key={`${r.item}-${r.side}`} data-testid="tt-user-row" data-side={r.side}>
          <td className="num">{j + 1}</td>
          <td className="title">
            <ItemLabel it={r} />
          </td>
          <td>
            <span className={`tt-side tt-side-${r.side}`}>{SIDE_LABEL[r.side]}</span>
          </td>
          <td className="num">{r.predicted.toFixed(2)}</td>
          <td className="num">{r.actual}</td>
          <td
            className={`num ${Math.abs(r.error) >= 1.5 ? 'tt-err-big' : Math.abs(r.error) >= 0.75 ? 'tt-err-mid' : ''}`}
          >
            {r.error > 0 ? '+' : ''}
            {r.error.toFixed(2)}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function Table({ t, runRmse }: { t: UserTable; runRmse: number | undefined }) {
  const [side, setSide] = useState<Side>('all');
  const [all, setAll] = useState(false);
  const count = (s: UserRatingRow['side']) => t.rows.filter((r) => r.side === s).length;
  const rows = side === 'all' ? t.rows : t.rows.filter((r) => r.side === side);
  const shown = all ? rows : rows.slice(0, SHOWN);
  const sides = (['train', 'validation', 'test', 'revealed'] as const).filter((s) => count(s) > 0);
  return (
    <>
      <p className="hint" data-testid="tt-user-summary">
        User {t.userId} rated {fmtCount(t.rows.length)} movies:{' '}
        {sides.map((s) => `${fmtCount(count(s))} ${SIDE_LABEL[s]}`).join(', ')}. The user tower read a rating
        count of {fmtCount(t.ratingCount)} and an average of {fmtNum(t.average, 2)}.
        {t.testRmse !== null &&
          ` RMSE over their test ratings ${t.testRmse.toFixed(3)} stars (the whole test: ${fmtNum(runRmse, 3)}).`}
      </p>
      <div className="tt-user-filter" role="radiogroup" aria-label="Which ratings">
        {(['all', ...sides] as Side[]).map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={side === s}
            className={`model-chip ${side === s ? 'active' : ''}`}
            onClick={() => setSide(s)}
            data-testid={`tt-user-side-${s}`}
          >
            {s === 'all' ? 'All' : SIDE_LABEL[s]}
          </button>
        ))}
      </div>
      <div className="table-wrap">
        <table className="data" data-testid="tt-user-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Movie</th>
              <th>Split</th>
              <th>Predicted</th>
              <th>Actual</th>
              <th>Error</th>
            </tr>
          </thead>
          <Rows rows={shown} />
        </table>
      </div>
      {rows.length > SHOWN && (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN}` : `Show all ${fmtCount(rows.length)}`}
        </button>
      )}
    </>
  );
}

export function ExistingUser({ store, run, info }: OutputProps) {
  const users = run.result.exampleUsers;
  const [user, setUser] = useState(users[0] ?? '1');
  const [got, setGot] = useState<{ handle: string; result: Result<UserTable> } | null>(null);
  const [loading, setLoading] = useState(false);
  const handle = run.result.runHandle;
  const listId = 'tt-users';
  const show = async () => {
    setLoading(true);
    const result = await store.ask((api) => api.twoTowerUser(handle, user.trim()));
    setLoading(false);
    setGot({ handle, result });
  };
  const answer = got?.handle === handle ? got.result : null;
  if (info?.scoreKind === 'ranking') {
    return (
      <div className="tt-block" data-testid="tt-existing">
        <h4 className="tt-subhead">Existing user: predicted against actual ratings</h4>
        <p className="hint" data-testid="tt-user-ranking">
          A retrieval model scores rankings, not ratings, so there is no predicted rating to set beside an
          actual one: pick a rating run above, or ask this one for a user’s top movies under Recommendations.
        </p>
      </div>
    );
  }
  return (
    <div className="tt-block" data-testid="tt-existing">
      <h4 className="tt-subhead">Existing user: predicted against actual ratings</h4>
      <form
        className="tt-user-form"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <label className="field">
          <span>User id</span>
          <input
            type="text"
            value={user}
            list={listId}
            onChange={(e) => setUser(e.target.value)}
            data-testid="tt-user-input"
          />
          <datalist id={listId}>
            {users.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </label>
        <button type="submit" className="btn" disabled={loading} data-testid="tt-user-button">
          Show their ratings
        </button>
      </form>
      {answer && !answer.ok && (
        <div className="alert alert-error" role="alert" data-testid="tt-user-error">
          <span>{answer.reason}</span>
        </div>
      )}
      {answer?.ok && <Table key={answer.value.userId} t={answer.value} runRmse={run.result.metrics.rmse} />}
    </div>
  );
}
