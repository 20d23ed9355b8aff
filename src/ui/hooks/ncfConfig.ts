/**
 * The NCF stage's settings as plain data: the base a model and preset start from, the limits the form and
 * the URL share, and the URL form itself (the difference from that base, so a link stays short and
 * readable). A hand-edited URL is validated field by field against the base and falls back to it.
 */
import type {
  EvalConfig,
  ModelConfig,
  ModelKind,
  NcfCatalog,
  PresetId,
  TrainConfig,
} from '../../worker/protocol';
import { readParam, writeParams } from './urlState';

/** What the NCF form edits; the preparation is the Data stage's. */
export interface NcfSettings {
  model: ModelConfig;
  train: TrainConfig;
  eval: EvalConfig;
}

export interface Limit {
  min: number;
  max: number;
  integer?: boolean;
}

const int = (min: number, max: number): Limit => ({ min, max, integer: true });
const l2: Limit = { min: 0, max: 10 };

/** Every number the form or the URL may set, by path. A number without an entry is never taken from a URL. */
export const LIMITS: Record<string, Limit> = {
  'model.gmfDim': int(0, 256),
  'model.mlpDim': int(0, 256),
  'model.mlpLayers[]': int(1, 1024),
  'model.dropout': { min: 0, max: 0.9 },
  'model.l2Gmf': l2,
  'model.l2Mlp': l2,
  'model.l2Layers': l2,
  'model.activityL2': l2,
  'model.embeddingStd': { min: 1e-4, max: 1 },
  'model.dim': int(1, 512),
  'model.l2': l2,
  'train.warpSamples': int(1, 100),
  'train.lr': { min: 1e-6, max: 10 },
  'train.lrDecay': { min: 0.01, max: 1 },
  'train.batchSize': int(1, 65536),
  'train.epochs': int(1, 1000),
  'train.validationFraction': { min: 0, max: 0.5 },
  'train.earlyStopping.patience': int(1, 100),
  'train.pretrain.epochs': int(1, 200),
  'train.pretrain.lr': { min: 1e-6, max: 10 },
  'train.pretrain.alpha': { min: 0, max: 1 },
  'train.seed': int(0, 2 ** 31 - 1),
  'eval.k': int(1, 100),
  'eval.sampledNegatives': int(1, 1000),
  'eval.topK': int(1, 100),
  'eval.seed': int(0, 2 ** 31 - 1),
  // Shown in the NCF form but stored with the Data stage's preparation.
  'prep.negativesPerPositive': int(0, 100),
  users: int(10, 1_000_000),
};

export const ENUMS: Record<string, readonly string[]> = {
  'model.activation': ['relu', 'tanh', 'sigmoid', 'linear'],
  'model.dropoutAt': ['each', 'each-but-last', 'last'],
  'model.outputInit': ['glorot', 'lecun'],
  'train.loss': ['bce', 'pairwise', 'bpr', 'warp'],
  'train.sampling': ['negatives', 'all-unobserved', 'labelled'],
  'train.optimizer': ['adam', 'adagrad', 'sgd'],
  'train.lrSchedule': ['constant', 'cosine'],
};

/** Optional parts of the config, with the values they take when switched on. */
export const NULLABLE: Record<string, Record<string, unknown>> = {
  'train.earlyStopping': { patience: 2, restoreBest: true },
  'train.pretrain': { epochs: 5, lr: 0.001, alpha: 0.5 },
};

const MAX_LAYERS = 8;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function withinLimit(v: unknown, lim: Limit | undefined): v is number {
  return (
    lim !== undefined &&
    typeof v === 'number' &&
    Number.isFinite(v) &&
    v >= lim.min &&
    v <= lim.max &&
    (!lim.integer || Number.isInteger(v))
  );
}

function conformObject(template: Record<string, unknown>, input: Record<string, unknown>, path: string) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(template)) {
    // The model's kind comes from the picker, never from the URL's copy.
    out[k] = k === 'kind' ? v : conform(v, input[k], `${path}.${k}`);
  }
  return out;
}

/** `input` where it is valid, else `template`, field by field: the result always has the template's shape. */
function conform(template: unknown, input: unknown, path: string): unknown {
  if (input === undefined) return template;
  const optional = NULLABLE[path];
  if (optional) {
    if (input === null) return null;
    return isRecord(input) ? conformObject(isRecord(template) ? template : optional, input, path) : template;
  }
  if (typeof template === 'number') return withinLimit(input, LIMITS[path]) ? input : template;
  if (typeof template === 'string')
    return typeof input === 'string' && ENUMS[path]?.includes(input) ? input : template;
  if (typeof template === 'boolean') return typeof input === 'boolean' ? input : template;
  if (Array.isArray(template)) {
    const ok =
      Array.isArray(input) &&
      input.length <= MAX_LAYERS &&
      input.every((v) => withinLimit(v, LIMITS[`${path}[]`]));
    return ok ? [...input] : template;
  }
  return isRecord(template) && isRecord(input) ? conformObject(template, input, path) : template;
}

/** What differs from `base`, as a JSON-able patch, or undefined when nothing does. */
function diff(base: unknown, value: unknown): unknown {
  if (isRecord(base) && isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const d = diff(base[k], value[k]);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return JSON.stringify(base) === JSON.stringify(value) ? undefined : value;
}

/**
 * `patch` applied to `base` and validated. The shape check is `conform`'s; these assertions only tell the
 * compiler what it guarantees.
 */
export function applyPatch(base: NcfSettings, patch: unknown): NcfSettings {
  const p = isRecord(patch) ? patch : {};
  return {
    model: conform(base.model, p.model, 'model') as ModelConfig,
    train: conform({ lrSchedule: 'constant', ...base.train }, p.train, 'train') as TrainConfig,
    eval: conform(base.eval, p.eval, 'eval') as EvalConfig,
  };
}

/** Where a model starts: the preset's settings for it, or the engine's defaults. */
export function baseSettings(cat: NcfCatalog, kind: ModelKind, preset: PresetId | null): NcfSettings {
  if (preset) {
    const c = cat.presetConfigs[preset][kind];
    return structuredClone({ model: c.model, train: c.train, eval: c.eval });
  }
  const model = cat.models.find((m) => m.kind === kind)?.defaults ?? cat.models[0].defaults;
  return structuredClone({
    model,
    train: { ...cat.trainDefaults, loss: cat.lossFor[kind][cat.trainDefaults.loss] },
    eval: cat.evalDefaults,
  });
}

/** A quick look trains on the users with the lowest ids only; `users` is kept while it is off. */
export interface QuickLook {
  on: boolean;
  users: number;
}

export interface NcfUrlState {
  kind: ModelKind;
  preset: PresetId | null;
  settings: NcfSettings;
  quick: QuickLook;
}

export function readNcfUrl(cat: NcfCatalog): NcfUrlState {
  const kind = cat.models.find((m) => m.kind === readParam('model'))?.kind ?? 'neumf';
  const preset = cat.presets.find((p) => p.id === readParam('preset'))?.id ?? null;
  let patch: unknown = undefined;
  try {
    patch = JSON.parse(readParam('ncf') ?? 'null');
  } catch {
    // A mangled link: the base settings it is.
  }
  const users = Number(readParam('users'));
  const quick = withinLimit(users, LIMITS.users) ? { on: true, users } : { on: false, users: 100 };
  return { kind, preset, settings: applyPatch(baseSettings(cat, kind, preset), patch), quick };
}

export function writeNcfUrl(cat: NcfCatalog, s: NcfUrlState): void {
  const patch = diff(baseSettings(cat, s.kind, s.preset), s.settings);
  writeParams({
    model: s.kind,
    preset: s.preset,
    ncf: patch === undefined ? null : JSON.stringify(patch),
    users: s.quick.on ? String(s.quick.users) : null,
  });
}
