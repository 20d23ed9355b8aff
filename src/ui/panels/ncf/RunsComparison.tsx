import { useState } from 'react';
import type { RunRecord } from '../../hooks/ncfStore';
import { useNcf } from '../../hooks/useNcf';
import { RunsOverlay } from './RunsOverlay';
import { DASH, MODEL_SHORT, fmtCount, fmtNum, fmtSeconds, splitLabel } from './format';

type Value = number | string | null;

interface Column {
  key: string;
  label: string;
  /** What the column sorts by and shows. */
  value: (r: RunRecord) => Value;
  show: (v: Value) => string;
  numeric?: boolean;
  /** A second, smaller line, so the table fits without scrolling. */
  sub?: (r: RunRecord) => string;
}

const num = (v: Value) => (typeof v === 'number' ? fmtNum(v, 3) : DASH);
const text = (v: Value) => (v === null ? DASH : String(v));
const m = (r: RunRecord) => r.result.metrics;
const seconds = (v: Value) => fmtSeconds(typeof v === 'number' ? v : null);
const rate = (v: Value) => (typeof v === 'number' && v > 0 ? `${fmtCount(v)}/s` : DASH);

const COLUMNS: Column[] = [
  { key: 'no', label: '#', value: (r) => r.no, show: text, numeric: true },
  {
    key: 'model',
    label: 'Model',
    value: (r) => MODEL_SHORT[r.result.config.model.kind],
    show: text,
    sub: (r) => (r.preset ? `preset ${r.preset}` : 'own settings'),
  },
  {
    key: 'data',
    label: 'Data',
    value: (r) => r.result.dataset.id,
    show: text,
    sub: (r) =>
      `${r.result.maxUsers === null ? 'all' : r.result.users} users, ${splitLabel(r.result.config.prep.split)}`,
  },
  { key: 'hr', numeric: true, label: 'HR sampled', value: (r) => m(r).sampled?.hr ?? null, show: num },
  { key: 'ndcg', numeric: true, label: 'NDCG sampled', value: (r) => m(r).sampled?.ndcg ?? null, show: num },
  { key: 'hrf', numeric: true, label: 'HR full', value: (r) => m(r).full?.hr ?? null, show: num },
  { key: 'ndcgf', numeric: true, label: 'NDCG full', value: (r) => m(r).full?.ndcg ?? null, show: num },
  { key: 'prec', numeric: true, label: 'P@K', value: (r) => m(r).topK?.precision ?? null, show: num },
  { key: 'auc', numeric: true, label: 'AUC', value: (r) => m(r).classification?.auc ?? null, show: num },
  {
    key: 'acc',
    numeric: true,
    label: 'Acc.',
    value: (r) => m(r).classification?.accuracy ?? null,
    show: num,
  },
  {
    key: 'time',
    label: 'Train time',
    value: (r) => (r.result.steps > 0 ? r.result.trainSeconds : null),
    show: seconds,
    numeric: true,
    sub: (r) => `${r.result.history.length} epoch${r.result.history.length === 1 ? '' : 's'}`,
  },
  {
    key: 'rate',
    label: 'Samples/s',
    value: (r) => r.result.samplesPerSecond,
    show: rate,
    numeric: true,
    sub: (r) => r.result.backend,
  },
];

function compare(a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** Every run of the session, sortable, and their curves on one chart. */
export function RunsComparison() {
  const { ncf, store } = useNcf();
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: 'no', desc: false });
  const cat = ncf.catalog;
  if (!cat) return null;
  const col = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];
  const rows = [...ncf.runs].sort((a, b) => compare(col.value(a), col.value(b)) * (sort.desc ? -1 : 1));
  return (
    <section className="runs" data-testid="runs">
      <div className="runs-head">
        <h3 className="section-title">Every run this session</h3>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={store.clearRuns}
          disabled={ncf.live !== null}
        >
          Clear runs
        </button>
      </div>
      <p className="hint">
        HR and NDCG at the run’s K: sampled ranks the held-out item among sampled never-seen items (the NCF
        paper’s protocol), full among every unrated item. P@K is precision on the other splits; AUC and
        accuracy are on the labelled held-out pairs. Click a heading to sort.
      </p>
      <div className="table-wrap">
        <table className="data runs-table" data-testid="runs-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      setSort({ key: c.key, desc: sort.key === c.key ? !sort.desc : c.key !== 'no' })
                    }
                  >
                    {c.label}
                    {sort.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.no} data-testid="run-row">
                {COLUMNS.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {c.show(c.value(r))}
                    {c.sub && <small className="cell-sub">{c.sub(r)}</small>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RunsOverlay runs={ncf.runs} catalog={cat} />
    </section>
  );
}
