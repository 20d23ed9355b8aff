import { builtinLabel } from '../../hooks/labStore';
import { useLab } from '../../hooks/useLab';
import { useNcf } from '../../hooks/useNcf';
import type { BuiltinId, ModelKind, NcfCatalog, Preset } from '../../../worker/protocol';
import { MODEL_SHORT, fmtNum, modelLabel, prepLabel } from './format';

const BUILTINS: readonly BuiltinId[] = ['ml-100k', 'synthetic-structured', 'synthetic-random'];

/** What each model is, in a line: the picker's tooltip and the line under it. */
const ABOUT: Record<ModelKind, string> = {
  itempop: 'Recommends what is popular. Learns nothing personal: the floor every model must clear.',
  mf: 'A dot product of user and item vectors plus biases, trained pointwise on sampled negatives.',
  bpr: 'The same dot product, trained to rank a positive above a sampled negative (BPR).',
  warp: 'The same dot product with a WARP loss, as LightFM trains it: push up the hardest negatives.',
  gmf: 'NCF with an element-wise product of the embeddings and a learned output weight per dimension.',
  mlp: 'NCF with the two embeddings concatenated and fed through a tower of dense layers.',
  neumf: 'GMF and MLP side by side, their last layers joined: the NCF paper’s model.',
};

function DatasetNotice({ preset }: { preset: Preset }) {
  const { state, lab } = useLab();
  const builtin = BUILTINS.find((b) => b === preset.dataset);
  const wanted = builtin ? builtinLabel(builtin) : preset.dataset;
  const ds = state.dataset;
  const prepDiffers = prepLabel(state.prepConfig) !== prepLabel(preset.prep);
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
            <i>{prepLabel(preset.prep)}</i>.
          </span>
          <button type="button" className="btn btn-small" onClick={() => lab.setPrep(preset.prep)}>
            Use the preset’s
          </button>
        </div>
      )}
    </>
  );
}

function PresetCard({ preset, catalog }: { preset: Preset; catalog: NcfCatalog }) {
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
                <td>{modelLabel(catalog, f.model ?? preset.model.kind)}</td>
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
      <DatasetNotice preset={preset} />
    </div>
  );
}

export function ModelPicker({ catalog }: { catalog: NcfCatalog }) {
  const { ncf, store } = useNcf();
  const preset = catalog.presets.find((p) => p.id === ncf.preset) ?? null;
  const busy = ncf.live !== null;
  return (
    <div className="ncf-pick">
      <div className="ncf-models" role="radiogroup" aria-label="Model">
        {catalog.models.map((m) => (
          <button
            key={m.kind}
            type="button"
            role="radio"
            aria-checked={ncf.kind === m.kind}
            className={`model-chip ${ncf.kind === m.kind ? 'active' : ''}`}
            data-testid={`model-${m.kind}`}
            title={`${m.label}: ${ABOUT[m.kind]}`}
            disabled={busy}
            onClick={() => store.setKind(m.kind)}
          >
            {MODEL_SHORT[m.kind]}
          </button>
        ))}
      </div>
      <p className="muted model-about">
        <b>{modelLabel(catalog, ncf.kind)}.</b> {ABOUT[ncf.kind]}
      </p>
      <label className="field preset-field">
        <span>Preset: a seed notebook’s data, protocol and settings</span>
        <select
          value={ncf.preset ?? ''}
          data-testid="preset-select"
          disabled={busy}
          onChange={(e) => store.setPreset(catalog.presets.find((p) => p.id === e.target.value)?.id ?? null)}
        >
          <option value="">None: your own settings</option>
          {catalog.presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      {preset && <PresetCard preset={preset} catalog={catalog} />}
    </div>
  );
}
