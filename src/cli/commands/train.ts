/**
 * `lab train`: prepare a family's training material, train one model and evaluate it, with the same code
 * the worker runs. Every setting's flag, help and validation come from the family's schema.
 */
import { printableLines } from '../../data/parse/printable';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { FAMILY_SPECS } from '../../models/catalog';
import { family as findFamily } from '../../models/registry';
import { initBackend, parseBackendChoice } from '../../train/backend';
import { runExperiment, type ExperimentResult } from '../../train/experiment';
import type { EpochReport } from '../../train/loop';
import {
  cliFlag,
  fieldApplies,
  parseFlag,
  setPath,
  validateConfig,
  type FieldSpec,
} from '../../train/schema';
import type { ExperimentConfig, FamilySpec, Preset } from '../../train/spec';
import { NODE_BACKENDS, REPO_ROOT } from '../sources';
import { loadDataset } from '../datasets';
import { getPath } from '../../train/schema';
import type { Command } from './index';
import { progressLine, progressPrinter, progressText, type ProgressOptions } from '../progress';

/** The exit status of a run whose loss became non-finite (the last good weights were kept and evaluated). */
export const EXIT_DIVERGED = 3;

const PROTOCOLS = { loo: 'leave-one-out', random: 'random', official: 'official' } as const;

/** Flags every stage takes; the rest come from the family's schema. */
const COMMON = {
  stage: { type: 'string' },
  dataset: { type: 'string' },
  file: { type: 'string' },
  movies: { type: 'string' },
  model: { type: 'string' },
  preset: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The Data stage's preparation, for families that train on it (the NCF stage). */
const DATA_PREP = {
  protocol: { type: 'string' },
  split: { type: 'string' },
  threshold: { type: 'string' },
  'no-full': { type: 'boolean', default: false },
} as const;

interface Out {
  write(text: string): unknown;
}

interface Flag {
  section: string;
  field: FieldSpec;
}

function schemaFlags(spec: FamilySpec): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const s of spec.sections)
    for (const f of s.fields)
      if (f.type !== 'toggle' || !f.cli) flags.set(cliFlag(f), { section: s.section, field: f });
  return flags;
}

function help(spec: FamilySpec): string {
  const lines = [...schemaFlags(spec).entries()].map(
    ([flag, { field }]) =>
      `  --${flag.padEnd(22)} ${field.help}${field.kinds ? ` (${field.kinds.join(', ')})` : ''}`,
  );
  const stages = FAMILY_SPECS.map((f) => f.stage).join(' | ');
  return `Usage: npm run lab -- train [--stage <stage>] [--model <kind>] [options]

  --stage <stage>          ${stages} (default ncf)
  --model <kind>           ${spec.kinds.join(' | ')} (default ${spec.defaultKind})
  --preset <id>            ${spec.presets.map((p) => p.id).join(' | ') || '(none)'}: a seed's data, protocol and settings
  --dataset <name>         ml-100k (default), synthetic-random, synthetic-structured
  --file <path>            a ratings file (or zip) instead, as \`lab data\` reads it; --movies <path> for titles
  --seed <n>               seeds the split and the training
  --backend <name>         wasm (default) | cpu | webgpu (needs navigator.gpu)
  --json                   one JSON line per epoch, then a final line with metrics; a progress line
                           every 10 s during an epoch (without --json, on stderr)
${
  spec.sharedPrep
    ? `  --protocol <p>           loo (leave-one-out, default) | random (80/20) | official (ua)
  --split <name>           official split name (default ua)
  --threshold <t>          ratings >= t are positives (default: every rating is)
  --no-full                skip the full-ranking evaluation (faster on big catalogues)
`
    : ''
}
Settings (from the ${spec.id} family's schema):
${lines.join('\n')}
`;
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
    metrics: Object.fromEntries(Object.entries(e.metrics).map(([k, v]) => [k, round(v, 4)])),
    lr: e.lr,
    trainSeconds: round(e.trainSeconds, 2),
    samplesPerSecond: Math.round(e.samplesPerSecond),
  };
}

function resultLine(r: ExperimentResult, preset: Preset | null, dataset: string) {
  const prep = r.config.prep as { split?: { kind: string } } | null;
  return {
    model: r.config.model.kind,
    preset: preset?.id ?? null,
    dataset,
    protocol: prep?.split?.kind ?? null,
    metrics: Object.fromEntries(Object.entries(r.evaluation.metrics).map(([k, v]) => [k, round(v, 4)])),
    metricLabels: r.evaluation.labels,
    trainSeconds: round(r.train?.trainSeconds ?? 0, 2),
    samplesPerSecond: Math.round(r.train?.samplesPerSecond ?? 0),
    epochs: r.history.length,
    bestEpoch: r.train?.bestEpoch ?? null,
    stopped: r.stopped,
    backend: r.backend,
    parameters: r.summary.trainableParams,
    warnings: r.evaluation.warnings,
    notes: r.notes,
    reported: preset?.reported ?? [],
  };
}

/** The stage named by --stage (or the first with the --model kind), before the full parse. */
function pickSpec(argv: string[]): FamilySpec | string {
  const at = argv.indexOf('--stage');
  const stage = at >= 0 ? argv[at + 1] : undefined;
  if (stage !== undefined) {
    const spec = FAMILY_SPECS.find((f) => f.stage === stage || f.id === stage);
    return spec ?? `Unknown stage '${stage}' (${FAMILY_SPECS.map((f) => f.stage).join(', ')})`;
  }
  return FAMILY_SPECS[0];
}

export async function runTrain(
  argv: string[],
  out: Out = process.stdout,
  err: Out = process.stderr,
  opts: ProgressOptions = {},
): Promise<number> {
  const fail = (reason: string) => {
    err.write(`${printableLines(reason)}\n`);
    return 1;
  };
  const spec = pickSpec(argv);
  if (typeof spec === 'string') return fail(spec);
  const flags = schemaFlags(spec);
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; default?: boolean | string }> =
    {
      ...COMMON,
      ...(spec.sharedPrep ? DATA_PREP : {}),
    };
  for (const name of flags.keys()) options[name] ??= { type: 'string' };
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({ args: argv, options, strict: true }).values as typeof v;
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)}\n${help(spec)}`);
  }
  if (v.help) {
    out.write(help(spec));
    return 0;
  }
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

  if (str('file') !== undefined && str('dataset') !== undefined)
    return fail('give --file or --dataset, not both');
  if (str('movies') !== undefined && str('file') === undefined)
    return fail('--movies gives titles for --file; a --dataset brings its own');

  const preset =
    str('preset') !== undefined ? (spec.presets.find((p) => p.id === str('preset')) ?? null) : null;
  if (str('preset') !== undefined && !preset)
    return fail(`Unknown preset '${str('preset')}' (${spec.presets.map((p) => p.id).join(', ')})`);
  const kind = str('model') ?? preset?.model.kind ?? spec.defaultKind;
  if (!spec.kinds.includes(kind)) return fail(`Unknown --model '${kind}' (${spec.kinds.join(', ')})`);

  let cfg: ExperimentConfig = structuredClone(spec.base(kind, preset?.id ?? null));
  if (spec.sharedPrep) {
    const prep = cfg.prep as Record<string, unknown>;
    const protocol = str('protocol');
    if (protocol !== undefined && !(protocol in PROTOCOLS))
      return fail(`Unknown protocol '${protocol}' (loo, random, official)`);
    if (protocol) {
      const p = PROTOCOLS[protocol as keyof typeof PROTOCOLS];
      prep.split =
        p === 'random'
          ? { kind: 'random', testFraction: 0.2 }
          : p === 'official'
            ? { kind: 'official', name: str('split') ?? 'ua' }
            : { kind: 'leave-one-out' };
    }
    const t = str('threshold');
    if (t !== undefined) {
      if (!Number.isFinite(Number(t))) return fail(`--threshold '${t}' is not a number`);
      prep.implicitThreshold = Number(t);
    }
    if (v['no-full']) cfg = setPath(cfg, 'eval.fullRanking', false);
  }
  const seed = str('seed');
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed)) return fail(`--seed '${seed}' is not a whole number`);
    cfg = setPath(setPath(cfg, 'train.seed', Number(seed)), 'prep.seed', Number(seed));
  }
  for (const [name, { section, field }] of flags) {
    const text = str(name);
    if (text === undefined) continue;
    if (!fieldApplies(field, cfg)) return fail(`--${name} does not apply to ${kind}`);
    const parsed = parseFlag(field, text);
    if (!parsed.ok) return fail(parsed.reason);
    // Setting a field of an optional block (--pretrain 5) turns the block on.
    const dot = field.key.indexOf('.');
    const parent = dot > 0 ? `${section}.${field.key.slice(0, dot)}` : null;
    const toggle = parent
      ? spec.sections.flatMap((s) => s.fields).find((f) => `${section}.${f.key}` === parent)
      : null;
    if (parent && toggle?.type === 'toggle' && getPath(cfg, parent) === null)
      cfg = setPath(cfg, parent, structuredClone(toggle.defaults));
    cfg = setPath(cfg, `${section}.${field.key}`, parsed.value);
  }
  const problems = validateConfig(spec.sections, cfg);
  if (problems.length) return fail(problems.join('\n'));
  const splitKind = (cfg.prep as { split?: { kind: string } } | null)?.split?.kind;
  if (spec.sharedPrep && str('split') !== undefined && splitKind !== 'official')
    return fail(`--split names an official split: it needs --protocol official (not ${splitKind})`);
  const notices = ignoredFlags(spec, kind, flags, str);
  for (const n of notices) err.write(`note: ${n}\n`);

  const fam = findFamily(spec.id);
  if (!fam) return fail(`No builder for the ${spec.id} family`);
  const choice = parseBackendChoice(str('backend') ?? 'wasm', NODE_BACKENDS);
  if (!choice.ok) return fail(`--backend: ${choice.reason}`);
  const backend = await initBackend({
    choice: choice.value,
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
    exclude: ['webgl'],
  });
  const prepSeed = (cfg.prep as { seed?: number } | null)?.seed ?? 42;
  const ds = await loadDataset(str('dataset') ?? preset?.dataset, str('file'), str('movies'), prepSeed);
  if (!ds.ok) return fail(ds.reason);
  const data = fam.prepare(ds.value, cfg);
  if (!data.ok) return fail(data.reason);

  // A preset's baselines run beside its own model (seed 001's WARP beside NeuMF), not beside a baseline.
  const baselines = preset && kind === preset.model.kind ? preset.baselines : [];
  const epochs = str('epochs');
  const runs: ExperimentConfig[] = [
    cfg,
    ...baselines.map((b) => ({
      ...cfg,
      model: b.model,
      train: { ...b.train, epochs: epochs !== undefined ? Number(epochs) : b.train.epochs },
    })),
  ];
  let code = 0;
  for (const run of runs) {
    let phase = 'training';
    const progress = progressPrinter(opts, (p, b) => {
      const line = progressLine(run.model.kind, phase, p, b);
      if (v.json) out.write(`${JSON.stringify(line)}\n`);
      else err.write(progressText(line));
    });
    const res = await runExperiment(fam, data.value, run, {
      ...progress,
      onPhase: (p) => {
        phase = p;
        if (!v.json) out.write(`${run.model.kind}: ${p}\n`);
      },
      onEpoch: (e) => {
        const line = epochLine(e, phase);
        const extra = Object.entries(line.metrics)
          .map(([k, x]) => `, ${k} ${x.toFixed(4)}`)
          .join('');
        out.write(
          v.json
            ? `${JSON.stringify({ model: run.model.kind, ...line })}\n`
            : `  epoch ${e.epoch}: loss ${line.loss}${e.valLoss !== null ? `, val ${line.valLoss}` : ''}${extra} (${line.trainSeconds} s, ${line.samplesPerSecond} samples/s)\n`,
        );
      },
    });
    const line = {
      type: 'result',
      stage: spec.stage,
      ...resultLine(res, preset, ds.value.id),
      backendReason: backend.reason,
      splitNotes: fam.view(data.value).notes,
      notices,
    };
    // The model was still evaluated (with the weights put back), but a script must not take it for a run.
    if (res.stopped === 'diverged') code = EXIT_DIVERGED;
    if (!v.json) for (const d of res.divergence) err.write(`${run.model.kind}: training diverged: ${d}\n`);
    if (v.json) out.write(`${JSON.stringify(line)}\n`);
    else {
      out.write(
        `${run.model.kind} on ${ds.value.name}${line.protocol ? `, ${line.protocol}` : ''}, ${backend.name}: ${line.trainSeconds} s, ${line.samplesPerSecond} samples/s\n`,
      );
      for (const [k, x] of Object.entries(line.metrics))
        out.write(`  ${k.padEnd(16)} ${x}${line.metricLabels[k] ? `   (${line.metricLabels[k]})` : ''}\n`);
      for (const w of line.warnings) out.write(`  warning: ${w}\n`);
      // What training decided for the user (weights restored, early stopping off); the divergence is on stderr.
      for (const n of line.notes) if (!res.divergence.includes(n)) out.write(`  note: ${n}\n`);
    }
    res.model.dispose();
  }
  return code;
}

/**
 * Flags that were accepted but change nothing for the chosen model: training settings of a model that
 * needs no training (item popularity, Markov). Said rather than refused, since a shared command line
 * that trains several models in turn would otherwise fail on the baseline.
 */
function ignoredFlags(
  spec: FamilySpec,
  kind: string,
  flags: Map<string, Flag>,
  str: (k: string) => string | undefined,
): string[] {
  if (!(spec.untrained as readonly string[]).includes(kind)) return [];
  const given = [...flags].filter(([name, f]) => f.section === 'train' && str(name) !== undefined);
  if (!given.length) return [];
  const names = given.map(([name]) => `--${name}`).join(', ');
  return [
    `${names} ${given.length > 1 ? 'do' : 'does'} nothing for ${kind}, which needs no training; ignored`,
  ];
}

export const trainCommand: Command = {
  summary: `train a model of any stage (${FAMILY_SPECS.map((f) => `${f.stage}: ${f.kinds.join(', ')}`).join('; ')}) and print its metrics`,
  run: (argv) => runTrain(argv),
};
