import { useLab } from '../../hooks/useLab';
import type { LossKind, ModelKind, NcfCatalog, TrainConfig } from '../../../worker/protocol';
import { Num, Select } from './fields';

const OPTIMIZERS = [
  { value: 'adam', label: 'Adam' },
  { value: 'adagrad', label: 'Adagrad' },
  { value: 'sgd', label: 'SGD' },
] as const;

const LOSS_NAMES: Record<LossKind, string> = {
  bce: 'BCE',
  pairwise: 'pairwise',
  bpr: 'BPR',
  warp: 'WARP',
};

/** Losses a model may take: BPR and WARP are fixed by the model, the others choose pointwise or pairwise. */
function losses(kind: ModelKind): { value: LossKind; label: string }[] {
  const kinds: LossKind[] = kind === 'bpr' || kind === 'warp' ? [kind] : ['bce', 'pairwise'];
  return kinds.map((k) => ({ value: k, label: LOSS_NAMES[k] }));
}

interface Props {
  kind: ModelKind;
  train: TrainConfig;
  catalog: NcfCatalog;
  set: (t: TrainConfig) => void;
}

/** Optimisation, sampling, stopping and NeuMF pretraining. */
export function TrainFields({ kind, train: t, catalog, set }: Props) {
  const { state, lab } = useLab();
  const es = t.earlyStopping;
  const pre = t.pretrain;
  return (
    <>
      <Select
        label="Loss"
        title={catalog.lossLabels[t.loss]}
        value={t.loss}
        options={losses(kind)}
        testId="ncf-train.loss"
        disabled={kind === 'bpr' || kind === 'warp'}
        onChange={(v) => set({ ...t, loss: v })}
      />
      <Select
        label="Optimizer"
        value={t.optimizer}
        options={OPTIMIZERS}
        testId="ncf-train.optimizer"
        onChange={(v) => set({ ...t, optimizer: v })}
      />
      <Num path="train.lr" label="Learning rate" value={t.lr} onChange={(v) => set({ ...t, lr: v })} />
      <Num
        path="train.batchSize"
        label="Batch size"
        value={t.batchSize}
        onChange={(v) => set({ ...t, batchSize: v })}
      />
      <Num path="train.epochs" label="Epochs" value={t.epochs} onChange={(v) => set({ ...t, epochs: v })} />
      <Num
        path="prep.negativesPerPositive"
        label="Negatives per positive"
        min={0}
        max={100}
        value={state.prepConfig.negativesPerPositive}
        onChange={(v) => lab.setPrep({ negativesPerPositive: v })}
      />
      {kind === 'warp' && (
        <Num
          path="train.warpSamples"
          label="WARP candidates"
          value={t.warpSamples}
          onChange={(v) => set({ ...t, warpSamples: v })}
        />
      )}
      <Num
        path="train.validationFraction"
        label="Validation share %"
        min={0}
        max={50}
        value={Math.round(t.validationFraction * 100)}
        onChange={(v) => set({ ...t, validationFraction: v / 100 })}
      />
      <Num
        path="train.earlyStopping.patience"
        label="Early-stopping patience (0 off)"
        min={0}
        value={es?.patience ?? 0}
        disabled={t.validationFraction === 0}
        onChange={(v) =>
          set({ ...t, earlyStopping: v === 0 ? null : { patience: v, restoreBest: es?.restoreBest ?? true } })
        }
      />
      <Num path="train.seed" label="Seed" value={t.seed} onChange={(v) => set({ ...t, seed: v })} />
      {kind === 'neumf' && (
        <>
          <label className="check field-check">
            <input
              type="checkbox"
              checked={pre !== null}
              data-testid="ncf-train.pretrain"
              onChange={(e) =>
                set({ ...t, pretrain: e.target.checked ? { epochs: 5, lr: t.lr, alpha: 0.5 } : null })
              }
            />
            Pretrain GMF and MLP first
          </label>
          {pre && (
            <>
              <Num
                path="train.pretrain.epochs"
                label="Pretraining epochs"
                value={pre.epochs}
                onChange={(v) => set({ ...t, pretrain: { ...pre, epochs: v } })}
              />
              <Num
                path="train.pretrain.alpha"
                label="α (GMF share)"
                step={0.1}
                value={pre.alpha}
                onChange={(v) => set({ ...t, pretrain: { ...pre, alpha: v } })}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
