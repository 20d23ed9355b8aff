import { DISTANCE_METRICS, DISTANCES, type DistanceMetric } from '../../../similarity/config';
import type { SimilarityStore } from './store';
import { useSimilarity } from './useSimilarity';

/** A distance's name inside a sentence: "squared Euclidean", "cosine", "dot product". */
export const distanceName = (m: DistanceMetric): string =>
  DISTANCES[m].label.charAt(0).toLowerCase() + DISTANCES[m].label.slice(1);

/** The three distances, each on the model's raw vectors, and why they disagree. */
export function DistanceSection({ store }: { store: SimilarityStore }) {
  const metric = useSimilarity(store, (s) => s.settings.metric);
  return (
    <div className="sim-distance">
      <fieldset className="seg">
        <legend>Distance</legend>
        {DISTANCE_METRICS.map((m) => (
          <label key={m} className={metric === m ? 'on' : undefined}>
            <input
              type="radio"
              name="similarity-distance"
              value={m}
              checked={metric === m}
              onChange={() => store.setMetric(m)}
              data-testid={`similarity-distance-${m}`}
            />
            {DISTANCES[m].label}
          </label>
        ))}
      </fieldset>
      <p className="hint" data-testid="similarity-distance-help">
        <b>{DISTANCES[metric].label}</b>: {DISTANCES[metric].help} The three rank neighbours alike only where
        vectors have similar lengths. They differ where norms differ, and popular movies often have longer
        vectors: the dot product makes them everyone’s neighbours, squared Euclidean keeps them apart from
        rare ones, and cosine ignores length altogether.
      </p>
    </div>
  );
}
