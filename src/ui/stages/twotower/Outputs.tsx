/**
 * What a kept run can do, on the run the reader picks (the newest by default): recommend for a new user
 * from genre sliders, compare an existing user's predictions with their ratings, check the item
 * embeddings, and page through the feature tables the towers read.
 */
import { memo, useState } from 'react';
import { TOWER_LABELS } from '../../../models/twotower/spec';
import type { TowerKind } from '../../../models/twotower/config';
import type { TowerInfo } from '../../../worker/protocol';
import type { RunRecord } from '../../training/store';
import { useTraining } from '../../training/useTraining';
import { Embeddings } from './Embeddings';
import { ExistingUser } from './ExistingUser';
import { FeatureTables } from './FeatureTables';
import { NewUser } from './NewUser';
import type { TowerStore } from './store';
import { towerConfig } from './figures';
import { useAnswer } from '../../hooks/useAnswer';

export interface OutputProps {
  store: TowerStore;
  run: RunRecord;
  info: TowerInfo | null;
}

const objective = (run: RunRecord): string => towerConfig(run.result.config).train.objective;

export const Outputs = memo(function Outputs({ store }: { store: TowerStore }) {
  const runs = useTraining(store, (s) => s.runs);
  const kept = runs.filter((r) => r.modelKept);
  const newest = kept.at(-1) ?? null;
  const [chosen, setChosen] = useState<number | null>(null);
  // A new run takes over until the reader picks another.
  const [seen, setSeen] = useState(newest?.no);
  if (seen !== newest?.no) {
    setSeen(newest?.no);
    setChosen(null);
  }
  const run = kept.find((r) => r.no === chosen) ?? newest;
  const handle = run?.result.runHandle ?? null;
  const { answer } = useAnswer(handle, () => store.ask((api) => api.twoTowerInfo(handle as string)));
  if (runs.length === 0) return null;
  if (!run) {
    return (
      <p className="hint" data-testid="tt-outputs-gone">
        The worker no longer keeps any of these runs’ models: train again to try the towers on new and
        existing users.
      </p>
    );
  }
  const info = answer?.ok ? answer.value : null;
  return (
    <section className="tt-outputs" data-testid="tt-outputs">
      <div className="tt-outputs-head">
        <h3 className="section-title">Try the towers</h3>
        <label className="field">
          <span>Run</span>
          <select
            value={run.no}
            onChange={(e) => setChosen(Number(e.target.value))}
            data-testid="tt-output-run"
          >
            {kept.map((r) => (
              <option key={r.no} value={r.no}>
                #{r.no} {TOWER_LABELS[r.result.config.model.kind as TowerKind]}, {objective(r)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {answer && !answer.ok && (
        <div className="alert alert-error" role="alert">
          <span>{answer.reason}</span>
        </div>
      )}
      <NewUser store={store} run={run} info={info} />
      <ExistingUser store={store} run={run} info={info} />
      <Embeddings run={run} />
      <FeatureTables store={store} run={run} info={info} />
    </section>
  );
});
