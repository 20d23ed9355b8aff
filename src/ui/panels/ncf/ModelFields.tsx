import type { MfConfig, ModelConfig, NcfConfig } from '../../../worker/protocol';
import { LayersField, Num, Select } from './fields';

const ACTIVATIONS = [
  { value: 'relu', label: 'ReLU' },
  { value: 'tanh', label: 'tanh' },
  { value: 'sigmoid', label: 'sigmoid' },
  { value: 'linear', label: 'linear' },
] as const;

function NcfFields({ m, set }: { m: NcfConfig; set: (m: NcfConfig) => void }) {
  const gmf = m.kind !== 'mlp';
  const mlp = m.kind !== 'gmf';
  return (
    <>
      {gmf && (
        <Num
          path="model.gmfDim"
          label="GMF embedding"
          min={1}
          value={m.gmfDim}
          onChange={(v) => set({ ...m, gmfDim: v })}
        />
      )}
      {mlp && (
        <>
          <Num
            path="model.mlpDim"
            label="MLP embedding (per side)"
            min={1}
            value={m.mlpDim}
            onChange={(v) => set({ ...m, mlpDim: v })}
          />
          <LayersField value={m.mlpLayers} onChange={(v) => set({ ...m, mlpLayers: v })} />
          <Select
            label="Activation"
            value={m.activation}
            options={ACTIVATIONS}
            testId="ncf-model.activation"
            onChange={(v) => set({ ...m, activation: v })}
          />
          <Num
            path="model.dropout"
            label="Dropout"
            step={0.05}
            value={m.dropout}
            onChange={(v) => set({ ...m, dropout: v })}
          />
        </>
      )}
      {gmf && (
        <Num
          path="model.l2Gmf"
          label="L2 on GMF embeddings"
          value={m.l2Gmf}
          onChange={(v) => set({ ...m, l2Gmf: v })}
        />
      )}
      {mlp && (
        <Num
          path="model.l2Mlp"
          label="L2 on MLP embeddings"
          value={m.l2Mlp}
          onChange={(v) => set({ ...m, l2Mlp: v })}
        />
      )}
      <Num
        path="model.l2Layers"
        label="L2 on layers"
        value={m.l2Layers}
        onChange={(v) => set({ ...m, l2Layers: v })}
      />
    </>
  );
}

function MfFields({ m, set }: { m: MfConfig; set: (m: MfConfig) => void }) {
  return (
    <>
      <Num path="model.dim" label="Factors" value={m.dim} onChange={(v) => set({ ...m, dim: v })} />
      <Num path="model.l2" label="L2 on factors" value={m.l2} onChange={(v) => set({ ...m, l2: v })} />
      <label className="check field-check">
        <input type="checkbox" checked={m.biases} onChange={(e) => set({ ...m, biases: e.target.checked })} />
        User and item biases
      </label>
    </>
  );
}

/** The architecture's settings for the chosen model family. */
export function ModelFields({ model, set }: { model: ModelConfig; set: (m: ModelConfig) => void }) {
  switch (model.kind) {
    case 'itempop':
      return (
        <p className="muted ncf-none">
          Nothing to learn: an item’s score is its number of training positives, the same for every user.
        </p>
      );
    case 'mf':
    case 'bpr':
    case 'warp':
      return <MfFields m={model} set={set} />;
    case 'gmf':
    case 'mlp':
    case 'neumf':
      return <NcfFields m={model} set={set} />;
  }
}
