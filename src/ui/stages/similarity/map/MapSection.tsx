import './map.css';
import { useMemo } from 'react';
import { UMAP_LIMITS } from '../../../../similarity/config';
import { NumberField } from '../../../components/NumberField';
import { ProgressBar } from '../../../components/ProgressBar';
import { fmtMillis, fmtPercent } from '../../../format';
import type { MapState, SimilarityStore } from '../store';
import { useSimilarity } from '../useSimilarity';
import { MapView } from './MapView';

const METHODS = [
  {
    id: 'pca',
    label: 'PCA',
    help: 'The two directions of largest variance: fast, linear, faithful to distances.',
  },
  {
    id: 'umap',
    label: 'UMAP',
    help: 'Keeps each movie near its nearest neighbours: clusters show, but distances between them mean little.',
  },
] as const;

function Caption({ map }: { map: MapState }) {
  const p = map.projection;
  if (!p) return null;
  const how =
    p.method.kind === 'pca'
      ? `PCA: the first axis explains ${fmtPercent(p.explained?.[0] ?? NaN)} of the variance, the second ${fmtPercent(p.explained?.[1] ?? NaN)}`
      : `UMAP: ${p.method.neighbours} neighbours, minimum distance ${p.method.minDist}, ${p.method.epochs} epochs`;
  return (
    <p className="muted map-caption" data-testid="similarity-map-caption">
      {how} · every one of {p.titles.length.toLocaleString('en-US')} movies drawn
      {map.millis !== null ? ` · computed in ${fmtMillis(map.millis)}` : ''}.
    </p>
  );
}

function UmapFields({ store, disabled }: { store: SimilarityStore; disabled: boolean }) {
  const umap = useSimilarity(store, (s) => s.settings.umap);
  return (
    <>
      <NumberField
        label="Neighbours"
        value={umap.neighbours}
        integer
        {...UMAP_LIMITS.neighbours}
        disabled={disabled}
        onChange={(neighbours) => store.setUmap({ ...umap, neighbours })}
        testId="similarity-umap-neighbours"
      />
      <NumberField
        label="Minimum distance"
        value={umap.minDist}
        step={0.05}
        {...UMAP_LIMITS.minDist}
        disabled={disabled}
        onChange={(minDist) => store.setUmap({ ...umap, minDist })}
        testId="similarity-umap-mindist"
      />
      <NumberField
        label="Epochs"
        value={umap.epochs}
        integer
        {...UMAP_LIMITS.epochs}
        disabled={disabled}
        onChange={(epochs) => store.setUmap({ ...umap, epochs })}
        testId="similarity-umap-epochs"
      />
    </>
  );
}

/** The 2D map: PCA or UMAP of the shown vectors, computed in the worker, then drawn on a canvas. */
export function MapSection({ store }: { store: SimilarityStore }) {
  const map = useSimilarity(store, (s) => s.map);
  const method = useSimilarity(store, (s) => s.settings.map);
  const selected = useSimilarity(store, (s) => s.selected);
  const pick = useSimilarity(store, (s) => s.pick);
  const result = pick?.result ?? null;
  const neighbours = useMemo(() => result?.neighbours.map((n) => n.item) ?? [], [result]);
  const busy = map.job !== null;
  const about = METHODS.find((m) => m.id === method);
  return (
    <section className="sim-section" aria-labelledby="similarity-map-title">
      <h3 className="section-title" id="similarity-map-title">
        Map in two dimensions
      </h3>
      <div className="map-controls">
        <fieldset className="seg" disabled={busy}>
          <legend>Method</legend>
          {METHODS.map((m) => (
            <label key={m.id} className={method === m.id ? 'on' : undefined}>
              <input
                type="radio"
                name="similarity-map-method"
                value={m.id}
                checked={method === m.id}
                onChange={() => store.setMapMethod(m.id)}
                data-testid={`similarity-map-${m.id}`}
              />
              {m.label}
            </label>
          ))}
        </fieldset>
        {method === 'umap' && <UmapFields store={store} disabled={busy} />}
        <button
          type="button"
          className="btn"
          disabled={busy || !selected}
          onClick={() => void store.drawMap()}
          data-testid="similarity-draw-map"
        >
          Draw the map
        </button>
      </div>
      <p className="hint">{about?.help}</p>
      {map.job && (
        <ProgressBar
          job={{
            id: map.job.id,
            label: `Drawing the map (${map.job.method.toUpperCase()})`,
            progress: map.job.progress,
            startedAt: 0,
          }}
          onCancel={store.cancelMap}
          testId="similarity-map-progress"
        />
      )}
      {map.error && <p className="alert alert-error">{map.error}</p>}
      <Caption map={map} />
      {map.projection ? (
        <MapView
          projection={map.projection}
          picked={pick?.index ?? null}
          neighbours={neighbours}
          onPick={(i) => void store.pick(i)}
        />
      ) : (
        !busy && <div className="empty-state">Draw the map to see every movie of this source in 2D.</div>
      )}
    </section>
  );
}
