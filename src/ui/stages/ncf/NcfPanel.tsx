import type { EvalReport } from '../../../metrics/evaluate';
import { Panel } from '../../components/Panel';
import { useLab } from '../../hooks/useLab';
import { ModelPicker } from '../../training/ModelPicker';
import { RecsSection } from '../../training/RecsSection';
import { LastRun } from '../../training/LastRun';
import type { RunRecord } from '../../training/store';
import { RunsTable } from '../../training/RunsTable';
import { SettingsForm } from '../../training/SettingsForm';
import { TrainBar } from '../../training/TrainBar';
import { TrainCharts } from '../../training/TrainCharts';
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

/** The NCF family's evaluation detail is its ranking report. */
const ncfFigures = (run: RunRecord) => {
  const m = run.result.detail as EvalReport;
  return (
    <>
      <RankingCards m={m} />
      <ClassificationBlock m={m} />
    </>
  );
};

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
          <LastRun store={store} figures={ncfFigures} />
          <RecsSection store={store} />
          <RunsTable store={store} />
        </>
      )}
    </Panel>
  );
}
