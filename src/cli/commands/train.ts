/** `lab train`: prepare a split, train one model and evaluate it, with the same code the worker runs. */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import {
  generateRandomHealth,
  generateStructured,
  loadFiles,
  type Dataset,
  type NamedBlob,
  type Result,
} from '../../data';
import { prepare } from '../../data/prepare';
import { initBackend, type BackendChoice } from '../../train/backend';
import { runExperiment, type ExperimentConfig, type ExperimentResult } from '../../train/experiment';
import { PRESETS, PRESET_IDS, lossFor, presetFor, type Preset, type PresetId } from '../../train/presets';
import { TRAIN_DEFAULTS, type EpochReport } from '../../train/loop';
import { defaultModelConfig, MODEL_KINDS, type ModelKind } from '../../models';
import { EVAL_DEFAULTS, FULL_LABEL, SAMPLED_LABEL } from '../../metrics/evaluate';
import { blobFromPath, blobsFromSource, findMl100k, REPO_ROOT } from '../sources';
import type { Command } from './index';

const HELP = `Usage: npm run lab -- train --model <kind> [options]

  --dataset <name>     ml-100k (default), synthetic-random, synthetic-structured
  --file <path>        a ratings file (or zip) instead, as \`lab data\` reads it; --movies <path> for titles
  --model <kind>       ${MODEL_KINDS.join(' | ')}
  --preset <id>        ${PRESET_IDS.join(' | ')}: a seed's data, protocol and settings
  --protocol <p>       loo (leave-one-out, default) | random (80/20) | official (ua)
  --split <name>       official split name (default ua)
  --threshold <t>      ratings >= t are positives (default: every rating is)
  --epochs <n>         --batch <n>   --lr <x>   --negatives <k>   --seed <n>
  --pretrain <n>       NeuMF: pretrain GMF and MLP for n epochs first (alpha 0.5)
  --backend <name>     wasm (default) | cpu | webgpu (needs navigator.gpu)
  --no-full            skip the full-ranking evaluation (faster on big catalogues)
  --json               one JSON line per epoch, then a final line with metrics
`;

const PROTOCOLS = { loo: 'leave-one-out', random: 'random', official: 'official' } as const;

interface Out {
  write(text: string): unknown;
}

function num(v: string | undefined, name: string, int = false): Result<number | undefined> {
  if (v === undefined) return { ok: true, value: undefined };
  const x = Number(v);
  if (!Number.isFinite(x) || (int && !Number.isInteger(x)) || x < 0)
    return { ok: false, reason: `--${name} '${v}' is not a valid number` };
  return { ok: true, value: x };
}

async function loadDataset(
  name: string | undefined,
  file: string | undefined,
  movies: string | undefined,
  seed: number,
): Promise<Result<Dataset>> {
  if (file !== undefined) {
    const files: NamedBlob[] = [await blobFromPath(file)];
    if (movies !== undefined) files.push(await blobFromPath(movies));
    return loadFiles(files, { metadataFile: movies === undefined ? undefined : files[1].name });
  }
  const ds = name ?? 'ml-100k';
  if (ds === 'synthetic-random') return { ok: true, value: generateRandomHealth(seed) };
  if (ds === 'synthetic-structured') return { ok: true, value: generateStructured(seed) };
  if (ds !== 'ml-100k')
    return { ok: false, reason: `Unknown dataset '${ds}' (ml-100k, synthetic-random, synthetic-structured)` };
  const src = findMl100k();
  if (typeof src === 'string') return { ok: false, reason: src };
  return loadFiles(await blobsFromSource(src.path));
}

const round = (x: number, d = 5) => Math.round(x * 10 ** d) / 10 ** d;

function epochLine(e: EpochReport, phase: string) {
  return {
    type: 'epoch',
    phase,
    epoch: e.epoch,
    loss: round(e.loss),
    valLoss: e.valLoss === null ? null : round(e.valLoss),
    metric: e.metric ? { [e.metric.name]: round(e.metric.value, 4) } : null,
    trainSeconds: round(e.trainSeconds, 2),
    samplesPerSecond: Math.round(e.samplesPerSecond),
  };
}

function resultLine(r: ExperimentResult, preset: Preset | null, dataset: string) {
  const labels: Record<string, string> = {};
  for (const key of Object.keys(r.flat)) {
    if (r.metrics.sampled && key.startsWith('hr@') && !key.endsWith('_full')) labels[key] = SAMPLED_LABEL;
    if (r.metrics.sampled && key.startsWith('ndcg@') && !key.endsWith('_full')) labels[key] = SAMPLED_LABEL;
    if (key.endsWith('_full')) labels[key] = FULL_LABEL;
  }
  return {
    model: r.config.model.kind,
    preset: preset?.id ?? null,
    dataset,
    protocol: r.config.prep.split.kind,
    metrics: Object.fromEntries(Object.entries(r.flat).map(([k, v]) => [k, round(v, 4)])),
    metricLabels: labels,
    trainSeconds: round(r.train?.trainSeconds ?? 0, 2),
    samplesPerSecond: Math.round(r.train?.samplesPerSecond ?? 0),
    epochs: r.history.length,
    stopped: r.train?.stopped ?? 'completed',
    backend: r.backend,
    parameters: r.summary.trainableParams,
    warnings: r.metrics.warnings,
    notes: r.train?.notes ?? [],
    reported: preset?.reported ?? [],
  };
}

export async function runTrain(
  argv: string[],
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  let v;
  try {
    v = parseArgs({
      args: argv,
      options: {
        dataset: { type: 'string' },
        file: { type: 'string' },
        movies: { type: 'string' },
        model: { type: 'string' },
        preset: { type: 'string' },
        protocol: { type: 'string' },
        split: { type: 'string' },
        threshold: { type: 'string' },
        epochs: { type: 'string' },
        batch: { type: 'string' },
        lr: { type: 'string' },
        negatives: { type: 'string' },
        seed: { type: 'string' },
        pretrain: { type: 'string' },
        backend: { type: 'string' },
        'no-full': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    err.write(`${e instanceof Error ? e.message : String(e)}\n${HELP}`);
    return 1;
  }
  if (v.help) {
    out.write(HELP);
    return 0;
  }
  const fail = (reason: string) => {
    err.write(`${reason}\n`);
    return 1;
  };
  if (v.preset !== undefined && !PRESET_IDS.includes(v.preset as PresetId))
    return fail(`Unknown preset '${v.preset}' (${PRESET_IDS.join(', ')})`);
  const preset = v.preset ? PRESETS[v.preset as PresetId] : null;
  const kind = (v.model ?? preset?.model.kind) as ModelKind | undefined;
  if (!kind || !MODEL_KINDS.includes(kind))
    return fail(`Give --model ${MODEL_KINDS.join('|')} (or a --preset)`);
  if (v.protocol !== undefined && !(v.protocol in PROTOCOLS))
    return fail(`Unknown protocol '${v.protocol}' (loo, random, official)`);
  const nums: Record<string, number | undefined> = {};
  for (const [name, int] of [
    ['epochs', true],
    ['batch', true],
    ['lr', false],
    ['negatives', true],
    ['seed', true],
    ['pretrain', true],
    ['threshold', false],
  ] as const) {
    const r = num(v[name], name, int);
    if (!r.ok) return fail(r.reason);
    nums[name] = r.value;
  }

  const base: ExperimentConfig = preset
    ? presetFor(preset.id, kind)
    : {
        prep: {
          implicitThreshold: null,
          strictThreshold: false,
          split: { kind: 'leave-one-out' },
          negativesPerPositive: 4,
          seed: 42,
        },
        model: defaultModelConfig(kind),
        train: { ...TRAIN_DEFAULTS, loss: lossFor(kind, 'bce') },
        eval: { ...EVAL_DEFAULTS },
      };
  const cfg = structuredClone(base);
  if (v.protocol) {
    const p = PROTOCOLS[v.protocol as keyof typeof PROTOCOLS];
    cfg.prep.split =
      p === 'random'
        ? { kind: 'random', testFraction: 0.2 }
        : p === 'official'
          ? { kind: 'official', name: v.split ?? 'ua' }
          : { kind: 'leave-one-out' };
  }
  if (nums.threshold !== undefined) cfg.prep.implicitThreshold = nums.threshold;
  if (nums.negatives !== undefined) cfg.prep.negativesPerPositive = nums.negatives;
  if (nums.seed !== undefined) cfg.prep.seed = cfg.train.seed = nums.seed;
  if (nums.epochs !== undefined) cfg.train.epochs = nums.epochs;
  if (nums.batch !== undefined) cfg.train.batchSize = Math.max(1, nums.batch);
  if (nums.lr !== undefined) cfg.train.lr = nums.lr;
  if (nums.pretrain !== undefined)
    cfg.train.pretrain = nums.pretrain > 0 ? { epochs: nums.pretrain, lr: cfg.train.lr, alpha: 0.5 } : null;
  if (v['no-full']) cfg.eval.fullRanking = false;

  const backend = await initBackend({
    choice: (v.backend ?? 'wasm') as BackendChoice,
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
    exclude: ['webgl'],
  });
  const ds = await loadDataset(v.dataset ?? preset?.dataset, v.file, v.movies, cfg.prep.seed);
  if (!ds.ok) return fail(ds.reason);
  const split = prepare(ds.value, cfg.prep);
  if (!split.ok) return fail(split.reason);

  // A preset's baselines run beside its own model (seed 001's WARP beside NeuMF), not beside a baseline.
  const baselines = preset && kind === preset.model.kind ? preset.baselines : [];
  const runs: ExperimentConfig[] = [
    cfg,
    ...baselines.map((b) => ({
      ...cfg,
      model: b.model,
      train: { ...b.train, epochs: nums.epochs ?? b.train.epochs },
    })),
  ];
  for (const run of runs) {
    let phase = 'training';
    const res = await runExperiment(split.value, run, {
      onPhase: (p) => {
        phase = p;
        if (!v.json) out.write(`${run.model.kind}: ${p}\n`);
      },
      onEpoch: (e) => {
        const line = epochLine(e, phase);
        out.write(
          v.json
            ? `${JSON.stringify({ model: run.model.kind, ...line })}\n`
            : `  epoch ${e.epoch}: loss ${line.loss}${e.valLoss !== null ? `, val ${line.valLoss}` : ''}${e.metric ? `, ${e.metric.name} ${e.metric.value.toFixed(4)}` : ''} (${line.trainSeconds} s, ${line.samplesPerSecond} samples/s)\n`,
        );
      },
    });
    const line = {
      type: 'result',
      ...resultLine(res, preset, ds.value.id),
      backendReason: backend.reason,
      splitNotes: split.value.notes,
    };
    if (v.json) out.write(`${JSON.stringify(line)}\n`);
    else {
      out.write(
        `${run.model.kind} on ${ds.value.name}, ${line.protocol}, ${backend.name}: ${line.trainSeconds} s, ${line.samplesPerSecond} samples/s\n`,
      );
      for (const [k, x] of Object.entries(line.metrics))
        out.write(`  ${k.padEnd(16)} ${x}${line.metricLabels[k] ? `   (${line.metricLabels[k]})` : ''}\n`);
      for (const w of line.warnings) out.write(`  warning: ${w}\n`);
    }
    res.model.dispose();
  }
  return 0;
}

export const trainCommand: Command = {
  summary: 'train a model (itempop, mf, bpr, warp, gmf, mlp, neumf) and print its metrics',
  run: (argv) => runTrain(argv),
};
