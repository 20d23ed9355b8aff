import type { EvalReport } from '../../../metrics/evaluate';
import { Panel } from '../../components/Panel';
import { useLab } from '../../hooks/useLab';
import { ModelPicker } from '../../training/ModelPicker';
import { RecsSection } from '../../training/RecsSection';
import { RunDetails } from '../../training/RunDetails';
import { RunsTable } from '../../training/RunsTable';
import { SettingsForm } from '../../training/SettingsForm';
import { TrainBar } from '../../training/TrainBar';
import { TrainCharts } from '../../training/TrainCharts';
import type { TrainingStore } from '../../training/store';
import { useTraining } from '../../training/useTraining';
import type { StageMeta } from '../types';
import { useStageStore } from '../useStage';
import { NCF_STAGE } from '.';
import { ClassificationBlock, RankingCards } from './MetricCards';
import './ncf.css';

const intro = (
  <p>
    Neural collaborative filtering gives every user and every item a vector, then lets a small network decide
    how well they match. Train GMF, MLP and NeuMF here, beside item popularity and matrix factorisation
    (plain, BPR, WARP), and check two questions with numbers: does a learned interaction beat a dot product,
    and does NCF beat a well-tuned factorisation? Everything trains in a worker, so the page stays responsive.
  </p>
);

/** The last run's figures; the NCF family's evaluation detail is its ranking report. */
function LastRun({ store }: { store: TrainingStore }) {
  const run = useTraining(store, (s) => s.runs.at(-1) ?? null);
  const runs = useTraining(store, (s) => s.runs);
  const live = useTraining(store, (s) => s.live !== null);
  if (!run) return null;
  const m = run.result.detail as EvalReport;
  return (
    <div className={live ? 'stale' : undefined}>
      <RunDetails run={run} runs={runs} spec={store.spec}>
        <RankingCards m={m} />
        <ClassificationBlock m={m} />
      </RunDetails>
    </div>
  );
}

export function NcfPanel({ stage }: { stage: StageMeta & { step: number } }) {
  const { state } = useLab();
  const store = useStageStore(NCF_STAGE);
  return (
    <Panel stage={stage} intro={intro}>
      {state.phase === 'failed' ? (
        <div className="empty-state">The lab worker failed: {state.fatal}</div>
      ) : (
        <>
          <ModelPicker store={store} />
          <SettingsForm store={store} />
          <TrainBar store={store} />
          <TrainCharts store={store} />
          <LastRun store={store} />
          <RecsSection store={store} />
          <RunsTable store={store} />
        </>
      )}
    </Panel>
  );
}
