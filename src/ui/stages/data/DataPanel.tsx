import './data.css';
import { Panel } from '../../components/Panel';
import { useLab } from '../../hooks/useLab';
import type { StageMeta } from '../types';
import { ColumnMapping } from './ColumnMapping';
import { DatasetOverview } from './DatasetOverview';
import { DatasetPicker } from './DatasetPicker';
import { LoadStatus } from './LoadStatus';
import { PrepSection } from './PrepSection';

const intro = (
  <p>
    Every recommender starts from a table of who interacted with what. Pick a table, look at its shape (how
    sparse it is, how a few items collect most of the attention, how little some users tell us) and decide how
    it becomes training material. Those choices change every number the later stages report.
  </p>
);

export function DataPanel({ stage }: { stage: StageMeta & { step: number } }) {
  const { state } = useLab();
  const ds = state.dataset;
  return (
    <Panel stage={stage} intro={intro}>
      <DatasetPicker />
      <LoadStatus />
      {state.mapping && <ColumnMapping key={state.mapping.files[0].name} pending={state.mapping} />}
      {ds ? (
        <>
          <DatasetOverview ds={ds} itemCounts={state.itemCounts} />
          <PrepSection ds={ds} />
        </>
      ) : (
        !state.attempt && (
          <div className="empty-state">
            {state.phase === 'failed' ? `The lab worker failed: ${state.fatal}` : 'Starting the lab…'}
          </div>
        )
      )}
    </Panel>
  );
}
