import './training.css';
import { memo, useState } from 'react';
import type { FamilySpec } from '../../train/spec';
import type { SplitConfig } from '../../worker/protocol';
import { RunsOverlay } from './RunsOverlay';
import { DASH, fmtCount, fmtNum, fmtSeconds, kindShort, splitLabel } from './format';
import type { RunRecord, TrainingStore } from './store';
import { useTraining } from './useTraining';

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
const seconds = (v: Value) => fmtSeconds(typeof v === 'number' ? v : null);
const rate = (v: Value) => (typeof v === 'number' && v > 0 ? `${fmtCount(v)}/s` : DASH);
const splitOf = (r: RunRecord): SplitConfig | null =>
  (r.result.config.prep as { split?: SplitConfig } | null)?.split ?? null;

/** The table's columns: who and on what, the family's own figures, then time and speed. */
function columns(spec: FamilySpec, runs: RunRecord[]): Column[] {
  const metrics = spec.metrics.filter((m) => runs.some((r) => Number.isFinite(r.result.metrics[m.key])));
  return [
    { key: 'no', label: '#', value: (r) => r.no, show: text, numeric: true },
    {
      key: 'model',
      label: 'Model',
      value: (r) => kindShort(spec, r.result.config.model.kind),
      show: text,
      sub: (r) => (r.preset ? `preset ${r.preset}` : 'own settings'),
    },
    {
      key: 'data',
      label: 'Data',
      value: (r) => r.result.dataset.id,
      show: text,
      sub: (r) => {
        const split = splitOf(r);
        return `${r.result.maxUsers === null ? 'all' : r.result.users} users${split ? `, ${splitLabel(split)}` : ''}`;
      },
    },
    ...metrics.map((m): Column => ({
      key: m.key,
      label: m.label,
      value: (r) => r.result.metrics[m.key] ?? null,
      show: num,
      numeric: true,
    })),
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
}

function compare(a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** Every run of the session, sortable, and their curves on one chart. */
export const RunsTable = memo(function RunsTable({ store }: { store: TrainingStore }) {
  const runs = useTraining(store, (s) => s.runs);
  const busy = useTraining(store, (s) => s.live !== null);
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: 'no', desc: false });
  if (runs.length === 0) return null;
  const cols = columns(store.spec, runs);
  const col = cols.find((c) => c.key === sort.key) ?? cols[0];
  const rows = [...runs].sort((a, b) => compare(col.value(a), col.value(b)) * (sort.desc ? -1 : 1));
  return (
    <section className="runs" data-testid="runs">
      <div className="runs-head">
        <h3 className="section-title">Every run this session</h3>
        <button type="button" className="btn btn-ghost btn-small" onClick={store.clearRuns} disabled={busy}>
          Clear runs
        </button>
      </div>
      <p className="hint">
        {store.spec.metrics
          .map((m) => m.help)
          .filter(Boolean)
          .join(' ')}{' '}
        Click a heading to sort.
      </p>
      <div className="table-wrap">
        <table className="data runs-table" data-testid="runs-table">
          <thead>
            <tr>
              {cols.map((c) => (
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
                {cols.map((c) => (
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
      <RunsOverlay runs={runs} spec={store.spec} />
    </section>
  );
});
