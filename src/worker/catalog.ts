/** The engine's presets, defaults and labels as plain data for the UI, which must not bundle tfjs. */
import { defaultModelConfig, MODEL_KINDS, MODEL_LABELS } from '../models';
import { EVAL_DEFAULTS, FULL_LABEL, SAMPLED_LABEL } from '../metrics/evaluate';
import type { ExperimentConfig } from '../train/experiment';
import { TRAIN_DEFAULTS } from '../train/loop';
import { LOSS_LABELS, type LossKind } from '../train/losses';
import { PRESET_IDS, PRESETS, lossFor, presetFor } from '../train/presets';
import type { NcfCatalog } from './protocol';

const LOSSES: readonly LossKind[] = ['bce', 'pairwise', 'bpr', 'warp'];

/** A record with one entry per key; Object.fromEntries cannot type its keys. */
function tabulate<K extends string, V>(keys: readonly K[], value: (k: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;
}

export function buildCatalog(): NcfCatalog {
  return {
    models: MODEL_KINDS.map((kind) => ({
      kind,
      label: MODEL_LABELS[kind],
      defaults: defaultModelConfig(kind),
    })),
    presets: PRESET_IDS.map((id) => structuredClone(PRESETS[id])),
    presetConfigs: tabulate(PRESET_IDS, (id) =>
      tabulate(MODEL_KINDS, (kind): ExperimentConfig => {
        const p = presetFor(id, kind);
        return { prep: p.prep, model: p.model, train: p.train, eval: p.eval };
      }),
    ),
    lossFor: tabulate(MODEL_KINDS, (kind) => tabulate(LOSSES, (loss) => lossFor(kind, loss))),
    lossLabels: { ...LOSS_LABELS },
    trainDefaults: { ...TRAIN_DEFAULTS },
    evalDefaults: { ...EVAL_DEFAULTS },
    sampledLabel: SAMPLED_LABEL,
    fullLabel: FULL_LABEL,
  };
}
