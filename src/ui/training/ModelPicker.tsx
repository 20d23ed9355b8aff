/** The model chips with the train button beside them, the preset picker and the chosen preset's card. */
import './training.css';
import { memo } from 'react';
import { builtinLabel, isBuiltinId } from '../../data/builtins';
import type { Preset } from '../../train/spec';
import { useLab } from '../hooks/useLab';
import { fmtNum, kindLabel, kindShort, prepLabel } from './format';
import type { TrainingStore } from './store';
import { TrainButton } from './TrainBar';
import { useTraining } from './useTraining';

function DatasetNotice({ preset, store }: { preset: Preset; store: TrainingStore }) {
  const { state, lab } = useLab();
  const builtin = isBuiltinId(preset.dataset) ? preset.dataset : null;
  const wanted = builtin ? builtinLabel(builtin) : preset.dataset;
  const ds = state.dataset;
  const prep = preset.prep as Parameters<typeof prepLabel>[0];
  const prepDiffers = store.spec.sharedPrep && prepLabel(state.prepConfig) !== prepLabel(prep);
  return (
    <>
      {ds && ds.id !== preset.dataset && (
        <div className="alert alert-warn" data-testid="preset-dataset-notice">
          <span>
            This preset was made for <b>{wanted}</b>; <b>{ds.name}</b> is loaded. Its numbers are only
            comparable on the same data.
          </span>
          {builtin && (
            <button
              type="button"
              className="btn btn-small"
              disabled={Boolean(state.attempt?.job)}
              onClick={() => void lab.loadBuiltin(builtin)}
            >
              Load {wanted}
            </button>
          )}
        </div>
      )}
      {prepDiffers && (
        <div className="alert alert-warn">
          <span>
            The Data stage now prepares <i>{prepLabel(state.prepConfig)}</i>; the preset uses{' '}
            <i>{prepLabel(prep)}</i>.
          </span>
          <button type="button" className="btn btn-small" onClick={() => lab.setPrep(prep)}>
            Use the preset’s
          </button>
        </div>
      )}
    </>
  );
}

function PresetCard({ preset, store }: { preset: Preset; store: TrainingStore }) {
  return (
    <div className="preset-card" data-testid="preset-card">
      <h4>{preset.title}</h4>
      <p>{preset.description}</p>
      <p className="preset-lesson">
        <b>Lesson.</b> {preset.lesson}
      </p>
      {preset.reported.length > 0 && (
        <table className="data reported-mini">
          <thead>
            <tr>
              <th>Seed reported</th>
              <th>Model</th>
              <th>Value</th>
              <th>Where</th>
            </tr>
          </thead>
          <tbody>
            {preset.reported.map((f) => (
              <tr key={`${f.metric}-${f.model ?? ''}-${f.source}`}>
                <td>{f.metric}</td>
                <td>{kindLabel(store.spec, f.model ?? preset.model.kind)}</td>
                <td className="num">{fmtNum(f.value)}</td>
                <td className="title">{f.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="preset-notes">
        {preset.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <DatasetNotice preset={preset} store={store} />
    </div>
  );
}

export const ModelPicker = memo(function ModelPicker({ store }: { store: TrainingStore }) {
  const settings = useTraining(store, (s) => s.settings);
  const busy = useTraining(store, (s) => s.live !== null);
  const { spec } = store;
  const preset = spec.presets.find((p) => p.id === settings.preset) ?? null;
  return (
    <div className="model-pick">
      <div className="model-row">
        <div className="model-chips" role="radiogroup" aria-label="Model">
          {spec.kinds.map((kind) => (
            <button
              key={kind}
              type="button"
              role="radio"
              aria-checked={settings.kind === kind}
              className={`model-chip ${settings.kind === kind ? 'active' : ''}`}
              data-testid={`model-${kind}`}
              title={`${kindLabel(spec, kind)}: ${spec.about[kind]}`}
              disabled={busy}
              onClick={() => store.setKind(kind)}
            >
              {kindShort(spec, kind)}
            </button>
          ))}
        </div>
        <TrainButton store={store} />
      </div>
      <p className="muted model-about">
        <b>{kindLabel(spec, settings.kind)}.</b> {spec.about[settings.kind]}
      </p>
      {spec.presets.length > 0 && (
        <label className="field preset-field">
          <span>Preset: a seed notebook’s data, protocol and settings</span>
          <select
            value={settings.preset ?? ''}
            data-testid="preset-select"
            disabled={busy}
            onChange={(e) => store.setPreset(e.target.value || null)}
          >
            <option value="">None: your own settings</option>
            {spec.presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {preset && <PresetCard preset={preset} store={store} />}
    </div>
  );
});
