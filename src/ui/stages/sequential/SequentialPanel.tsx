import './sequential.css';
import { Panel } from '../../components/Panel';
import { useLab } from '../../hooks/useLab';
import { ModelPicker } from '../../training/ModelPicker';
import { LastRun } from '../../training/LastRun';
import { RunsTable } from '../../training/RunsTable';
import { SettingsForm } from '../../training/SettingsForm';
import { TrainBar } from '../../training/TrainBar';
import { TrainCharts } from '../../training/TrainCharts';
import type { TrainingStore } from '../../training/store';
import { useTraining } from '../../training/useTraining';
import type { StageMeta } from '../types';
import { useStageStore } from '../useStage';
import { SEQUENTIAL_STAGE } from '.';
import { Compare } from './Compare';
import { Predict } from './Predict';
import { SeqMetrics } from './SeqMetrics';

const intro = (
  <p>
    Order carries information: what someone watches next depends on what they just watched. These models read
    each user’s latest items in time order and predict the next one with a softmax over every item: seed 000’s
    LSTM and 1D CNN, a GRU, and self-attention (SASRec), against the most popular items and a first-order
    Markov chain. Each user’s last item is the test, the one before it the validation item.
  </p>
);

/** What to do before anything is trained. */
function FirstSteps({ store }: { store: TrainingStore }) {
  const none = useTraining(store, (s) => s.runs.length === 0 && s.live === null);
  if (!none) return null;
  return (
    <p className="empty-state" data-testid="seq-empty">
      No run yet. Pick a model and press Train: Popular and Markov are counted in an instant, the networks
      train for a few epochs (a quick look on fewer users takes seconds). Then predict a user’s next movie
      with every model side by side, and compare them below.
    </p>
  );
}

export function SequentialPanel({ stage }: { stage: StageMeta & { step: number } }) {
  const { state } = useLab();
  const store = useStageStore(SEQUENTIAL_STAGE);
  const ds = state.dataset;
  return (
    <Panel stage={stage} intro={intro}>
      {state.phase === 'failed' ? (
        <div className="empty-state">The lab worker failed: {state.fatal}</div>
      ) : (
        <>
          <ModelPicker store={store} />
          {ds && !ds.hasTimestamps && (
            <p className="alert alert-warn" data-testid="seq-no-time">
              {ds.name} has no timestamps: the file order stands for time, so what “next” means is only as
              good as that order.
            </p>
          )}
          <SettingsForm store={store} />
          <TrainBar store={store} />
          <FirstSteps store={store} />
          <TrainCharts store={store} />
          <LastRun store={store} figures={(run) => <SeqMetrics run={run} />} />
          <Predict store={store} />
          <Compare store={store} />
          <RunsTable store={store} />
        </>
      )}
    </Panel>
  );
}
