import { Panel } from '../../components/Panel';
import { useLab } from '../../hooks/useLab';
import { useNcf } from '../../hooks/useNcf';
import { stage } from '../../stages';
import { ModelPicker } from './ModelPicker';
import { RecsSection } from './RecsSection';
import { RunResults } from './RunResults';
import { RunsComparison } from './RunsComparison';
import { SettingsForm } from './SettingsForm';
import { TrainBar } from './TrainBar';
import { TrainCharts } from './TrainCharts';
import './ncf.css';

const intro = (
  <p>
    Neural collaborative filtering gives every user and every item a vector, then lets a small network decide
    how well they match. Train GMF, MLP and NeuMF here, beside item popularity and matrix factorisation
    (plain, BPR, WARP), and check two questions with numbers: does a learned interaction beat a dot product,
    and does NCF beat a well-tuned factorisation? Everything trains in a worker, so the page stays responsive.
  </p>
);

export function NcfPanel() {
  const { state } = useLab();
  const { ncf } = useNcf();
  const shown = ncf.runs.at(-1) ?? null;
  return (
    <Panel stage={stage('ncf')} intro={intro}>
      {!ncf.catalog || !ncf.settings ? (
        <div className="empty-state">
          {ncf.error ??
            (state.phase === 'failed' ? `The lab worker failed: ${state.fatal}` : 'Starting the lab…')}
        </div>
      ) : (
        <>
          <ModelPicker catalog={ncf.catalog} />
          <SettingsForm catalog={ncf.catalog} settings={ncf.settings} kind={ncf.kind} />
          {state.info?.backend.softwareAdapter && (
            <p className="alert alert-warn" data-testid="software-adapter">
              WebGPU here runs on a software adapter ({state.info.backend.adapter}), a CPU emulation that
              trains about 100 times slower than WASM. Force WASM with the backend badge at the top, or use
              the quick look below.
            </p>
          )}
          <TrainBar />
          {(ncf.live || shown) && <TrainCharts live={ncf.live} run={shown} />}
          {shown && (
            <div className={ncf.live ? 'stale' : undefined}>
              <RunResults run={shown} catalog={ncf.catalog} runs={ncf.runs} />
            </div>
          )}
          {ncf.runs.length > 0 && <RecsSection />}
          {ncf.runs.length > 0 && <RunsComparison />}
        </>
      )}
    </Panel>
  );
}
