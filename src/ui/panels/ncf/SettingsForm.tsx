import { useLab } from '../../hooks/useLab';
import { useNcf } from '../../hooks/useNcf';
import type { EvalConfig, ModelKind, NcfCatalog } from '../../../worker/protocol';
import type { NcfSettings } from '../../hooks/ncfConfig';
import { Num } from './fields';
import { ModelFields } from './ModelFields';
import { TrainFields } from './TrainFields';

function EvalFields({ ev, set }: { ev: EvalConfig; set: (e: EvalConfig) => void }) {
  const { state } = useLab();
  const loo = state.prepConfig.split.kind === 'leave-one-out';
  return loo ? (
    <>
      <Num path="eval.k" label="K for HR and NDCG" value={ev.k} onChange={(v) => set({ ...ev, k: v })} />
      <Num
        path="eval.sampledNegatives"
        label="Sampled negatives"
        value={ev.sampledNegatives}
        onChange={(v) => set({ ...ev, sampledNegatives: v })}
      />
      <label className="check field-check">
        <input
          type="checkbox"
          checked={ev.fullRanking}
          data-testid="ncf-eval.fullRanking"
          onChange={(e) => set({ ...ev, fullRanking: e.target.checked })}
        />
        Also rank against every item
      </label>
    </>
  ) : (
    <Num
      path="eval.topK"
      label="K for precision, recall, MAP"
      value={ev.topK}
      onChange={(v) => set({ ...ev, topK: v })}
    />
  );
}

interface Props {
  catalog: NcfCatalog;
  settings: NcfSettings;
  kind: ModelKind;
}

/** Every setting of the run, grouped as a reader thinks of them; all of it lives in the URL. */
export function SettingsForm({ catalog, settings, kind }: Props) {
  const { ncf, store } = useNcf();
  const set = (patch: Partial<NcfSettings>) => store.setSettings({ ...settings, ...patch });
  return (
    <fieldset className="ncf-settings" disabled={ncf.live !== null} data-testid="ncf-settings">
      <div className="ncf-group">
        <h4>Model</h4>
        <div className="controls">
          <ModelFields model={settings.model} set={(model) => set({ model })} />
        </div>
      </div>
      {kind !== 'itempop' && (
        <div className="ncf-group">
          <h4>Training</h4>
          <div className="controls">
            <TrainFields
              kind={kind}
              train={settings.train}
              catalog={catalog}
              set={(train) => set({ train })}
            />
          </div>
        </div>
      )}
      <div className="ncf-group">
        <h4>Evaluation</h4>
        <div className="controls">
          <EvalFields ev={settings.eval} set={(ev) => set({ eval: ev })} />
        </div>
      </div>
    </fieldset>
  );
}
