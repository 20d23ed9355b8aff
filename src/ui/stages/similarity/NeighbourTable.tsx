import { DISTANCES } from '../../../similarity/config';
import type { NeighbourSort } from '../../../worker/protocol';
import { fmtInt, fmtMillis } from '../../format';
import { fmtNum } from '../../training/format';
import { MovieCell } from './MovieCell';
import { distanceName } from './DistanceSection';
import { PAGE_SIZE, type SimilarityStore } from './store';
import { useSimilarity } from './useSimilarity';

type AriaSort = 'ascending' | 'descending' | 'none';

function SortButton({ label, active, onClick }: { label: string; active: boolean; onClick: () => void }) {
  return (
    <button type="button" className={`th-sort${active ? ' on' : ''}`} onClick={onClick}>
      {label}
    </button>
  );
}

/** Seed 003's table: every movie, its nearest other movie, and how near; paged over all, sortable. */
export function NeighbourTable({ store }: { store: SimilarityStore }) {
  const table = useSimilarity(store, (s) => s.table);
  const sort = useSimilarity(store, (s) => s.settings.sort);
  const metric = useSimilarity(store, (s) => s.settings.metric);
  const selected = useSimilarity(store, (s) => s.selected);
  if (!selected) return null;
  const page = table.page;
  const d = DISTANCES[metric];
  // 'nearest' lists the smallest distance first, or the largest dot product.
  const valueSort: AriaSort =
    sort === 'nearest' || sort === 'farthest'
      ? (sort === 'nearest') === (d.nearer === 'lower')
        ? 'ascending'
        : 'descending'
      : 'none';
  const by = (s: NeighbourSort): AriaSort => (sort === s ? 'ascending' : 'none');
  const setSort = (s: NeighbourSort) => store.setSort(s);
  const from = table.offset;
  const total = page?.total ?? 0;
  return (
    <section className="sim-section" aria-labelledby="similarity-table-title">
      <h3 className="section-title" id="similarity-table-title">
        Every movie’s nearest neighbour
      </h3>
      {page && (
        <p className="hint" data-testid="similarity-all-pairs">
          All pairs of {fmtInt(total)} movies by {distanceName(table.metric)} in{' '}
          {fmtMillis(page.computeMillis)} on the worker’s backend: one matrix product and a top-k, computed
          once per source and distance.
        </p>
      )}
      {table.error && <p className="alert alert-error">{table.error}</p>}
      <div className={`table-wrap${table.loading ? ' stale' : ''}`}>
        <table className="data sim-table" data-testid="similarity-table" aria-busy={table.loading}>
          <thead>
            <tr>
              <th aria-sort={by('index')} className="col-index">
                <SortButton label="#" active={sort === 'index'} onClick={() => setSort('index')} />
              </th>
              <th aria-sort={by('title')}>
                <SortButton label="Movie" active={sort === 'title'} onClick={() => setSort('title')} />
              </th>
              <th>Nearest movie</th>
              <th aria-sort={valueSort}>
                <SortButton
                  label={`${d.value} ${valueSort === 'ascending' ? '↑' : valueSort === 'descending' ? '↓' : ''}`}
                  active={valueSort !== 'none'}
                  onClick={() => setSort(sort === 'nearest' ? 'farthest' : 'nearest')}
                />
              </th>
            </tr>
          </thead>
          <tbody>
            {(page?.rows ?? []).map((r) => (
              <tr key={r.item.item} data-testid="similarity-table-row">
                <td className="num col-index">{r.item.item + 1}</td>
                <td className="title">
                  <MovieCell it={r.item} onPick={(i) => void store.pick(i)} />
                </td>
                <td className="title">
                  <MovieCell it={r.nearest} onPick={(i) => void store.pick(i)} />
                </td>
                <td className="num">{fmtNum(r.value, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={from === 0 || table.loading}
          onClick={() => void store.loadTable(Math.max(0, from - PAGE_SIZE))}
          data-testid="similarity-prev"
        >
          Previous
        </button>
        <span className="muted" aria-live="polite" data-testid="similarity-page">
          {total
            ? `Movies ${fmtInt(from + 1)}–${fmtInt(Math.min(total, from + PAGE_SIZE))} of ${fmtInt(total)}`
            : ''}
        </span>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={from + PAGE_SIZE >= total || table.loading}
          onClick={() => void store.loadTable(from + PAGE_SIZE)}
          data-testid="similarity-next"
        >
          Next
        </button>
      </div>
    </section>
  );
}
