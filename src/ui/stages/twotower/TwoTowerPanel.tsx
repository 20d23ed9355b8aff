import './twotower.css';
import { Panel } from '../../components/Panel';
import { useLab } from '../../hooks/useLab';
import { ModelPicker } from '../../training/ModelPicker';
import { RecsSection } from '../../training/RecsSection';
import { LastRun } from '../../training/LastRun';
import { RunsTable } from '../../training/RunsTable';
import { SettingsForm } from '../../training/SettingsForm';
import { TrainBar } from '../../training/TrainBar';
import type { StageMeta } from '../types';
import { useStageStore } from '../useStage';
import { TWO_TOWER_STAGE } from '.';
import { Compare } from './Compare';
import { DataNotice } from './DataNotice';
import { Outputs } from './Outputs';
import { RunFigures } from './RunFigures';
import { TowerCharts } from './TowerCharts';

const intro = (
  <p>
    Two towers meet in a dot product: one turns what is known of a user into a vector, the other does the same
    for a movie. Seed 003 feeds them features computed from the ratings (averages per genre, a movie’s year
    and genres) and regresses the rating; TensorFlow Recommenders trains the same towers to retrieve, against
    the other movies of each batch. Compare both with the baselines, then describe a new user by genre tastes
    alone and watch the recommendations follow.
  </p>
);

export function TwoTowerPanel({ stage }: { stage: StageMeta & { step: number } }) {
  const { state } = useLab();
  const store = useStageStore(TWO_TOWER_STAGE);
  return (
    <Panel stage={stage} intro={intro}>
      {state.phase === 'failed' ? (
        <div className="empty-state">The lab worker failed: {state.fatal}</div>
      ) : (
        <>
          <ModelPicker store={store} />
          <DataNotice store={store} />
          <SettingsForm store={store} />
          <TrainBar store={store} />
          <TowerCharts store={store} />
          <LastRun store={store} figures={(run) => <RunFigures run={run} />} />
          <Compare store={store} />
          <Outputs store={store} />
          <RecsSection store={store} />
          <RunsTable store={store} />
        </>
      )}
    </Panel>
  );
}
