/**
 * Across runs: the two objectives' retrieval figures side by side, with why a rating regressor retrieves
 * poorly, and what features buy for new users on a cold-start (user-disjoint) split.
 */
import { memo } from 'react';
import type { TowerExperiment } from '../../../models/twotower/config';
import { RETRIEVAL_EXPLAINER, TOWER_SHORT } from '../../../models/twotower/spec';
import { fmtNum } from '../../training/format';
import type { RunRecord, TrainingStore } from '../../training/store';
import { useTraining } from '../../training/useTraining';
import { recallKs, referencesApply, reportOf, runName, splitKey, TFRS_TOP100, towerConfig } from './figures';

const latest = (runs: RunRecord[], objective: 'rating' | 'retrieval') =>
  runs.findLast((r) => !reportOf(r).coldStart && reportOf(r).objective === objective) ?? null;

/** The latest warm run of each objective, recall and top-100 accuracy beside popularity's. */
function ObjectivesTable({ store, runs }: { store: TrainingStore; runs: RunRecord[] }) {
  const rating = latest(runs, 'rating');
  const retrieval = latest(runs, 'retrieval');
  const busy = useTraining(store, (s) => s.live !== null);
  const both = [rating, retrieval].filter((r): r is RunRecord => r !== null);
  if (both.length === 0)
    return (
      <p className="hint">
        Every run so far held out whole users: the objectives compare on a random split, where the test users
        trained too.
      </p>
    );
  const ref = reportOf(both.at(-1) as RunRecord);
  const ks = recallKs(ref);
  const pop = ref.retrieval.popularity;
  const rows = [
    ...ks.map((k) => ({
      name: `Recall@${k}`,
      of: (r: RunRecord) => reportOf(r).retrieval.model.recall[k],
      pop: pop.recall[k],
    })),
    {
      name: 'Top-100 accuracy',
      of: (r: RunRecord) => reportOf(r).retrieval.model.top100,
      pop: pop.top100,
    },
  ];
  const comparable = both.length < 2 || splitKey(both[0]) === splitKey(both[1]);
  const cell = (r: RunRecord | null, f: (r: RunRecord) => number | undefined) => (r ? fmtNum(f(r), 3) : '—');
  return (
    <>
      <div className="table-wrap">
        <table className="data tt-objectives" data-testid="tt-objectives">
          <thead>
            <tr>
              <th>Over all items</th>
              <th>
                Rating
                <small className="cell-sub">{rating ? runName(rating, TOWER_SHORT) : 'not run'}</small>
              </th>
              <th>
                Retrieval
                <small className="cell-sub">{retrieval ? runName(retrieval, TOWER_SHORT) : 'not run'}</small>
              </th>
              <th>
                Popularity<small className="cell-sub">no training</small>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name}>
                <td>{row.name}</td>
                <td className="num">{cell(rating, row.of)}</td>
                <td className="num">{cell(retrieval, row.of)}</td>
                <td className="num">{fmtNum(row.pop, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {referencesApply(both.at(-1) as RunRecord) && (
        <p className="hint">
          TensorFlow Recommenders’ basic retrieval tutorial reports a top-100 accuracy of about {TFRS_TOP100}{' '}
          on ML-100k.
        </p>
      )}
      {!comparable && (
        <p className="hint">The two runs used different data or splits: compare them with care.</p>
      )}
      {both.length < 2 && (
        <p className="hint">
          Only the {rating ? 'rating' : 'retrieval'} objective has run.{' '}
          <button
            type="button"
            className="btn btn-ghost btn-small tt-inline-btn"
            disabled={busy}
            onClick={() => store.setPreset(rating ? 'tfrs-retrieval' : '003')}
            data-testid="tt-other-objective"
          >
            {rating ? 'Set up the TFRS retrieval preset' : 'Set up seed 003 (rating)'}
          </button>
        </p>
      )}
    </>
  );
}

/** Every cold-start run: the rating error and recall on users never trained on, against the baselines. */
function ColdStart({ store, runs }: { store: TrainingStore; runs: RunRecord[] }) {
  const cold = runs.filter((r) => reportOf(r).coldStart);
  const busy = useTraining(store, (s) => s.live !== null);
  const config = useTraining(store, (s) => s.settings.config);
  if (cold.length === 0) {
    const tower = towerConfig(config);
    const prep = tower.prep;
    return (
      <p className="hint" data-testid="tt-cold-none">
        No cold-start run yet. A user-disjoint split holds out whole users, each known only by the few ratings
        they reveal: it shows what features buy for new users.{' '}
        {prep.split.kind !== 'user-disjoint' && (
          <button
            type="button"
            className="btn btn-ghost btn-small tt-inline-btn"
            disabled={busy}
            onClick={() => {
              const next: TowerExperiment = {
                ...tower,
                prep: { ...prep, split: { ...prep.split, kind: 'user-disjoint' } },
              };
              store.setConfig(next);
            }}
            data-testid="tt-cold-setup"
          >
            Set the split to cold start
          </button>
        )}
      </p>
    );
  }
  const k = Math.max(...recallKs(reportOf(cold[0])));
  return (
    <>
      <div className="table-wrap">
        <table className="data tt-cold" data-testid="tt-cold">
          <thead>
            <tr>
              <th>Run</th>
              <th>Objective</th>
              <th>RMSE</th>
              <th>Biases</th>
              <th>Global mean</th>
              <th>Recall@{k}</th>
              <th>Popularity</th>
            </tr>
          </thead>
          <tbody>
            {cold.map((run) => {
              const r = reportOf(run);
              return (
                <tr key={run.no}>
                  <td>{runName(run, TOWER_SHORT)}</td>
                  <td>{r.objective}</td>
                  <td className="num">{fmtNum(r.rating?.rmse, 3)}</td>
                  <td className="num">{fmtNum(r.baselines?.biases.rmse, 3)}</td>
                  <td className="num">{fmtNum(r.baselines?.globalMean.rmse, 3)}</td>
                  <td className="num">{fmtNum(r.retrieval.model.recall[k], 3)}</td>
                  <td className="num">{fmtNum(r.retrieval.popularity.recall[k], 3)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Users the towers never trained on, each described by the few ratings they revealed. The biases
        baseline knows each of them by the same ratings; popularity needs nothing.
      </p>
    </>
  );
}

export const Compare = memo(function Compare({ store }: { store: TrainingStore }) {
  const runs = useTraining(store, (s) => s.runs);
  if (runs.length === 0) return null;
  return (
    <section className="tt-compare" data-testid="tt-compare">
      <h3 className="section-title">Rating against retrieval</h3>
      <ObjectivesTable store={store} runs={runs} />
      <div className="tt-explainer" data-testid="tt-explainer">
        {RETRIEVAL_EXPLAINER.map((p) => (
          <p key={p.slice(0, 24)}>{p}</p>
        ))}
      </div>
      <h3 className="section-title">Cold start: users the towers never saw</h3>
      <ColdStart store={store} runs={runs} />
    </section>
  );
});
