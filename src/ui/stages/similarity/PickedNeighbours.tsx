import { Genres } from '../../components/ItemLabel';
import { DISTANCES, MAX_K } from '../../../similarity/config';
import { NumberField } from '../../components/NumberField';
import { fmtNum } from '../../training/format';
import { MovieCell, movieTitle } from './MovieCell';
import { SearchBox } from './SearchBox';
import { distanceName } from './DistanceSection';
import type { SimilarityStore } from './store';
import { useSimilarity } from './useSimilarity';

/** The picked movie's k nearest, with distance, genres and year; each one picks in turn. */
function Neighbours({ store }: { store: SimilarityStore }) {
  const pick = useSimilarity(store, (s) => s.pick);
  const metric = useSimilarity(store, (s) => s.settings.metric);
  if (!pick) return <p className="muted">Search a title, or pick a movie in the table or on the map.</p>;
  if (pick.error) return <p className="alert alert-error">{pick.error}</p>;
  const r = pick.result;
  if (!r) return <p className="muted">Finding neighbours…</p>;
  const pickIt = (i: number) => void store.pick(i);
  return (
    <div
      className={pick.loading ? 'stale' : undefined}
      data-testid="similarity-picked"
      data-item={r.item.item}
    >
      <p className="picked-head">
        <span className="picked-name">
          Nearest to <b data-testid="similarity-picked-title">{movieTitle(r.item)}</b>{' '}
          <Genres genres={r.item.genres} />
        </span>
        <button type="button" className="btn btn-ghost btn-small" onClick={store.clearPick}>
          Clear
        </button>
      </p>
      {pick.others && pick.others.length > 0 && (
        <p className="hint" data-testid="similarity-overlap">
          Of these {r.neighbours.length},{' '}
          {pick.others.map((o) => `${o.shared} are also nearest by ${distanceName(o.metric)}`).join(' and ')}.
        </p>
      )}
      <div className="table-wrap">
        <table className="data" data-testid="similarity-neighbours">
          <thead>
            <tr>
              <th>#</th>
              <th>Movie</th>
              <th>Year</th>
              <th>{DISTANCES[metric].value}</th>
            </tr>
          </thead>
          <tbody>
            {r.neighbours.map((n, j) => (
              <tr key={n.item} data-testid="similarity-neighbour">
                <td className="num">{j + 1}</td>
                <td className="title">
                  <MovieCell it={n} onPick={pickIt} />
                </td>
                <td className="num">{n.year ?? '—'}</td>
                <td className="num">{fmtNum(n.value, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Search, then a movie's neighbours. */
export function PickedNeighbours({ store }: { store: SimilarityStore }) {
  const k = useSimilarity(store, (s) => s.settings.k);
  return (
    <section className="sim-section" aria-labelledby="similarity-search-title">
      <h3 className="section-title" id="similarity-search-title">
        A movie’s neighbours
      </h3>
      <div className="search-row">
        <SearchBox store={store} />
        <NumberField
          label="Neighbours"
          value={k}
          min={1}
          max={MAX_K}
          integer
          onChange={store.setK}
          testId="similarity-k"
        />
      </div>
      <Neighbours store={store} />
    </section>
  );
}
