/**
 * What the loaded data cannot give the towers, said before a run fails on it: no item metadata (so no
 * item features: offer the ID-embedding towers) or no ratings (so nothing to regress: offer retrieval).
 */
import type { TowerExperiment } from '../../../models/twotower/config';
import { useLab } from '../../hooks/useLab';
import type { TrainingStore } from '../../training/store';
import { useTraining } from '../../training/useTraining';
import { towerConfig } from './figures';

export function DataNotice({ store }: { store: TrainingStore }) {
  const { state } = useLab();
  const settings = useTraining(store, (s) => s.settings);
  const busy = useTraining(store, (s) => s.live !== null);
  const ds = state.dataset;
  if (!ds) return null;
  const config = towerConfig(settings.config);
  const noMeta = !ds.hasItemMeta;
  const noRatings = !ds.hasRatings && config.train.objective === 'rating';
  if (!noMeta && !noRatings) return null;
  return (
    <>
      {noMeta && (
        <div className="alert alert-warn" data-testid="tt-no-metadata">
          <span>
            <b>{ds.name} has no item metadata</b> (no titles, genres or years), so an item feature tower has
            nothing to read of the movies but their rating average and count, and a new user cannot be
            described by genres.{' '}
            {settings.kind === 'features'
              ? 'Train ID embeddings instead: a learned vector per user and per item.'
              : 'The ID vectors learn what the missing metadata would have said.'}
          </span>
          {settings.kind === 'features' && (
            <span className="tt-notice-buttons">
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => store.setKind('ids')}
                data-testid="tt-use-ids"
              >
                Use ID embeddings
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                disabled={busy}
                onClick={() => store.setKind('hybrid')}
              >
                Features + IDs
              </button>
            </span>
          )}
        </div>
      )}
      {noRatings && (
        <div className="alert alert-warn" data-testid="tt-no-ratings">
          <span>
            <b>{ds.name} has no ratings</b>, so there is nothing for the rating objective to regress: train
            the towers as a retriever.
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => {
              const next: TowerExperiment = { ...config, train: { ...config.train, objective: 'retrieval' } };
              store.setConfig(next);
            }}
            data-testid="tt-use-retrieval"
          >
            Use retrieval
          </button>
        </div>
      )}
    </>
  );
}
