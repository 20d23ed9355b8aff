import { ItemLabel } from '../../components/ItemLabel';
/**
 * The seed's new user: a 0-5 slider per genre, and the top 10 movies the towers give that profile. The
 * worker runs the user tower once against cached item vectors, so the list follows the sliders.
 */
import { useEffect, useState } from 'react';
import type { ProfileAnswer, TowerInfo } from '../../../worker/protocol';
import type { Result } from '../../../data/types';
import { fmtCount } from '../../training/format';
import type { OutputProps } from './Outputs';
import { describeProfile, seedProfile } from './profile';
import type { TowerStore } from './store';

/** Long enough to fold a drag's steps into one request, short enough to read as instant. */
const DEBOUNCE_MS = 30;
const TOP = 10;

interface Scored {
  result: Result<ProfileAnswer>;
  /** From the request leaving to the answer arriving, in milliseconds. */
  roundTrip: number;
}

const slug = (g: string): string => g.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function TopList({ answer, liked }: { answer: ProfileAnswer; liked: Set<string> }) {
  const rating = answer.items.some((p) => p.stars !== null);
  return (
    <div className="table-wrap">
      <table className="data" data-testid="tt-profile-top">
        <thead>
          <tr>
            <th>#</th>
            <th>Movie</th>
            <th>{rating ? 'Predicted' : 'Score'}</th>
          </tr>
        </thead>
        <tbody>
          {answer.items.map((p, j) => (
            <tr key={p.item} data-testid="tt-profile-row" data-item-id={p.id}>
              <td className="num">{j + 1}</td>
              <td className="title">
                <ItemLabel it={p} marked={liked} />
              </td>
              <td className="num">{p.stars !== null ? `${p.stars.toFixed(2)} ★` : p.score.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Sliders({ store, handle, info }: { store: TowerStore; handle: string; info: TowerInfo }) {
  const genres = info.genres;
  const [values, setValues] = useState(() => seedProfile(genres));
  const [scored, setScored] = useState<Scored | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const t0 = performance.now();
      void store
        .ask((api) => api.twoTowerProfile(handle, { genres: values }, TOP))
        .then((result) => {
          if (current) setScored({ result, roundTrip: performance.now() - t0 });
        });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [store, handle, values]);
  const liked = new Set(genres.filter((_, k) => values[k] >= 4));
  const answer = scored?.result.ok ? scored.result.value : null;
  return (
    <div className="tt-newuser">
      <div>
        <div className="tt-sliders" data-testid="tt-sliders">
          {genres.map((g, k) => (
            <label className="tt-slider" key={g}>
              <span className="tt-slider-name">{g}</span>
              <input
                type="range"
                min={0}
                max={5}
                step={1}
                value={values[k]}
                data-testid={`tt-genre-${slug(g)}`}
                onChange={(e) => setValues(values.map((v, j) => (j === k ? Number(e.target.value) : v)))}
              />
              <output className="tt-slider-value">{values[k]}</output>
            </label>
          ))}
        </div>
        <div className="tt-slider-buttons">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setValues(seedProfile(genres))}
          >
            Seed’s profile
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setValues(genres.map(() => 0))}
            data-testid="tt-profile-clear"
          >
            All 0
          </button>
        </div>
        <p className="hint">
          {describeProfile(genres, values)}. The user is taken to have rated {info.defaultRatingCount} movies,
          their average the mean of the genres above 0; a genre at 0 reads “never watches it”, as in the seed.
        </p>
      </div>
      <div>
        {scored && !scored.result.ok && (
          <div className="alert alert-error" role="alert">
            <span>{scored.result.reason}</span>
          </div>
        )}
        {answer ? (
          <>
            <TopList answer={answer} liked={liked} />
            <p
              className="hint"
              data-testid="tt-profile-time"
              data-worker-ms={answer.millis.toFixed(1)}
              data-round-trip-ms={scored?.roundTrip.toFixed(1)}
            >
              Every movie scored in {answer.millis.toFixed(0)} ms in the worker,{' '}
              {scored?.roundTrip.toFixed(0)} ms from request to answer. Genres the profile rates 4 or 5 are
              marked.
            </p>
          </>
        ) : (
          !scored && <p className="muted">Scoring every movie for this profile…</p>
        )}
      </div>
    </div>
  );
}

export function NewUser({ store, run, info }: OutputProps) {
  const body = !info ? (
    <p className="muted">Reading the run…</p>
  ) : !info.profiles ? (
    <p className="hint" data-testid="tt-profile-reason">
      {info.reason}
    </p>
  ) : info.genres.length === 0 ? (
    <p className="hint">The loaded data names no genres, so there is nothing for a new user to rate.</p>
  ) : (
    <Sliders key={info.genres.join('|')} store={store} handle={run.result.runHandle} info={info} />
  );
  return (
    <div className="tt-block" data-testid="tt-newuser">
      <h4 className="tt-subhead">
        New user: genre tastes alone ({fmtCount(info?.genres.length ?? 0)} genres)
      </h4>
      {body}
    </div>
  );
}
