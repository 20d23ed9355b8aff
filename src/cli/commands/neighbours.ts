/**
 * `lab neighbours`: a movie's nearest neighbours in a model's item vectors, with the genre agreement of
 * the whole embedding. The model is trained first (registry + runExperiment, as `lab train` does),
 * unless the vectors come from a vectors.tsv exported earlier.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Dataset, Result } from '../../data/types';
import { FAMILY_SPECS } from '../../models/catalog';
import { family as findFamily } from '../../models/registry';
import {
  AGREEMENT_K,
  DISTANCES,
  DISTANCE_METRICS,
  isDistanceMetric,
  MAX_K,
  quickMf,
  type DistanceMetric,
} from '../../similarity/config';
import { nearestNeighbours, type VectorSet } from '../../similarity/distance';
import {
  neighboursCsv,
  parseProjectorVectors,
  projectorMetadata,
  projectorVectors,
  type ItemLabel,
} from '../../similarity/export';
import { genreAgreement } from '../../similarity/genres';
import { createTitleIndex, searchTitles } from '../../similarity/search';
import { initBackend, parseBackendChoice } from '../../train/backend';
import { runExperiment } from '../../train/experiment';
import { setPath } from '../../train/schema';
import type { ExperimentConfig, FamilySpec } from '../../train/spec';
import { loadDataset } from '../datasets';
import { NODE_BACKENDS, REPO_ROOT } from '../sources';
import type { Command } from './index';

const HELP = `Usage: npm run lab -- neighbours --movie <title> [options]

  --movie <title>          the movie (typos forgiven: the best match is used)
  --source <model>         what to train for its item vectors: quick-mf (default; the NCF MF in about 10 s),
                           a model kind (${FAMILY_SPECS.map((f) => f.kinds.join(', ')).join('; ')}), stage:kind,
                           a seed preset id, or a vectors.tsv exported earlier (rows in the dataset's item order)
  --block <name>           which vectors of the model (factors, GMF, MLP...; default the first)
  --k <n>                  neighbours to list (default 10, at most ${MAX_K})
  --distance <d>           ${DISTANCE_METRICS.join(' | ')} (default cosine)
  --dataset <name>         ml-100k (default), synthetic-structured, synthetic-random
  --file <path>            a ratings file instead; --movies <path> for its titles and genres
  --epochs <n>             train for this many epochs instead of the source's own
  --seed <n>               seeds the split and the training
  --backend <name>         wasm (default) | cpu | webgpu (needs navigator.gpu)
  --out <dir>              also write vectors.tsv, metadata.tsv (Embedding Projector) and neighbours.csv
  --json                   one JSON object
`;

interface Out {
  write(text: string): unknown;
}

interface Vectors {
  set: VectorSet;
  block: string;
  source: {
    family: string | null;
    kind: string | null;
    trainSeconds: number;
    metrics: Record<string, number>;
  };
}

/** The family spec and config a --source names: quick-mf, a kind, stage:kind or a preset id. */
function resolveSource(source: string): Result<{ spec: FamilySpec; cfg: ExperimentConfig }> {
  if (source === 'quick-mf') {
    const spec = FAMILY_SPECS.find((f) => f.id === 'ncf');
    if (spec) return { ok: true, value: { spec, cfg: quickMf(spec) } };
  }
  const [stage, kind] = source.includes(':') ? source.split(':', 2) : [null, source];
  for (const spec of FAMILY_SPECS) {
    if (stage !== null && spec.stage !== stage && spec.id !== stage) continue;
    if (spec.kinds.includes(kind)) return { ok: true, value: { spec, cfg: spec.base(kind, null) } };
    const preset = spec.presets.find((p) => p.id === kind);
    if (preset) return { ok: true, value: { spec, cfg: spec.base(preset.model.kind, preset.id) } };
  }
  return { ok: false, reason: `Unknown source '${source}'.\n${HELP}` };
}

async function train(
  ds: Dataset,
  source: string,
  v: Record<string, string | boolean | undefined>,
  log: (line: string) => void,
): Promise<Result<Vectors>> {
  const r = resolveSource(source);
  if (!r.ok) return r;
  const { spec } = r.value;
  let cfg = structuredClone(r.value.cfg);
  if (spec.untrained.includes(cfg.model.kind)) return { ok: false, reason: `${source} has no item vectors.` };
  if (typeof v.epochs === 'string') {
    if (!/^\d+$/.test(v.epochs) || Number(v.epochs) < 1)
      return { ok: false, reason: `--epochs '${v.epochs}'?` };
    cfg = setPath(cfg, 'train.epochs', Number(v.epochs));
  }
  if (typeof v.seed === 'string')
    cfg = setPath(setPath(cfg, 'train.seed', Number(v.seed)), 'prep.seed', Number(v.seed));
  const fam = findFamily(spec.id);
  if (!fam) return { ok: false, reason: `No builder for the ${spec.id} family.` };
  const data = fam.prepare(ds, cfg);
  if (!data.ok) return data;
  const res = await runExperiment(fam, data.value, cfg, { onPhase: (p) => log(`${cfg.model.kind}: ${p}`) });
  try {
    const blocks = await res.model.itemEmbeddings();
    const want = typeof v.block === 'string' ? v.block : blocks[0]?.name;
    const b = blocks.find((x) => x.name === want);
    if (!b)
      return {
        ok: false,
        reason: `No '${want}' vectors (${blocks.map((x) => x.name).join(', ') || 'none'}).`,
      };
    return {
      ok: true,
      value: {
        set: { n: b.vectors.length / b.dim, dim: b.dim, vectors: b.vectors },
        block: b.name,
        source: {
          family: spec.id,
          kind: cfg.model.kind,
          trainSeconds: res.train?.trainSeconds ?? 0,
          metrics: res.evaluation.metrics,
        },
      },
    };
  } finally {
    res.model.dispose();
  }
}

function fromFile(path: string, ds: Dataset): Result<Vectors> {
  const parsed = parseProjectorVectors(readFileSync(path, 'utf8'));
  if (!parsed.ok) return parsed;
  if (parsed.value.n !== ds.nItems)
    return { ok: false, reason: `${path} has ${parsed.value.n} rows; ${ds.name} has ${ds.nItems} items.` };
  return {
    ok: true,
    value: {
      set: parsed.value,
      block: path,
      source: { family: null, kind: null, trainSeconds: 0, metrics: {} },
    },
  };
}

function labels(ds: Dataset): ItemLabel[] {
  const meta = ds.items;
  return ds.itemIds.map((id, i) => ({
    id,
    title: meta?.title[i] || id,
    genres: meta ? meta.genreNames.filter((_, g) => meta.genreMask[i] & (1 << g)) : [],
    year: meta?.year[i] ?? 0,
  }));
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export async function runNeighbours(
  argv: string[],
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  const fail = (reason: string) => (err.write(`${reason}\n`), 1);
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({
      args: argv,
      strict: true,
      options: {
        movie: { type: 'string' },
        source: { type: 'string', default: 'quick-mf' },
        block: { type: 'string' },
        k: { type: 'string', default: '10' },
        distance: { type: 'string', default: 'cosine' },
        dataset: { type: 'string' },
        file: { type: 'string' },
        movies: { type: 'string' },
        epochs: { type: 'string' },
        seed: { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)}\n${HELP}`);
  }
  if (v.help) return (out.write(HELP), 0);
  const str = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  const metric = str('distance');
  if (!isDistanceMetric(metric)) return fail(`--distance must be ${DISTANCE_METRICS.join(', ')}`);
  const k = Number(str('k'));
  if (!Number.isInteger(k) || k < 1 || k > MAX_K)
    return fail(`--k must be a whole number from 1 to ${MAX_K}`);
  if (str('seed') !== undefined && !/^\d+$/.test(str('seed') ?? '')) return fail(`--seed '${str('seed')}'?`);
  if (str('movie') === undefined && str('out') === undefined)
    return fail(`Give --movie (or --out).\n${HELP}`);

  const choice = parseBackendChoice(str('backend') ?? 'wasm', NODE_BACKENDS);
  if (!choice.ok) return fail(`--backend: ${choice.reason}`);
  const log = (line: string) => (v.json ? undefined : out.write(`${line}\n`));
  await initBackend({
    choice: choice.value,
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
    exclude: ['webgl'],
  });
  const seed = str('seed') === undefined ? undefined : Number(str('seed'));
  const ds = await loadDataset(str('dataset'), str('file'), str('movies'), seed);
  if (!ds.ok) return fail(ds.reason);
  const source = str('source') ?? 'quick-mf';
  const vec = /\.tsv$/i.test(source) ? fromFile(source, ds.value) : await train(ds.value, source, v, log);
  if (!vec.ok) return fail(vec.reason);
  return report(ds.value, vec.value, metric, k, v, out, fail);
}

async function report(
  ds: Dataset,
  vec: Vectors,
  metric: DistanceMetric,
  k: number,
  v: Record<string, string | boolean | undefined>,
  out: Out,
  fail: (reason: string) => number,
): Promise<number> {
  const items = labels(ds);
  const t0 = performance.now();
  const all = await nearestNeighbours(vec.set, Math.max(k, AGREEMENT_K), metric);
  const allPairsMillis = performance.now() - t0;
  const agreement = ds.items ? genreAgreement(all, ds.items.genreMask, AGREEMENT_K) : null;
  if (typeof v.out === 'string') {
    mkdirSync(v.out, { recursive: true });
    writeFileSync(join(v.out, 'vectors.tsv'), projectorVectors(vec.set));
    writeFileSync(join(v.out, 'metadata.tsv'), projectorMetadata(items));
    writeFileSync(join(v.out, 'neighbours.csv'), neighboursCsv(items, all, DISTANCES[metric].value, k));
  }
  const query = typeof v.movie === 'string' ? v.movie : null;
  let movie: number | null = null;
  if (query !== null) {
    const exact = items.findIndex((it) => it.title.toLowerCase() === query.trim().toLowerCase());
    const popularity = new Int32Array(ds.nItems);
    for (const i of ds.interactions.item) popularity[i]++;
    movie =
      exact >= 0
        ? exact
        : (searchTitles(createTitleIndex(items.map((it) => it.title)), query, 1, popularity)[0]?.item ??
          null);
    if (movie === null) return fail(`No movie matches '${query}'.`);
  }
  const neighbours: (ItemLabel & { rank: number; value: number })[] = [];
  for (let c = 0; movie !== null && c < k; c++) {
    const at = movie * all.k + c;
    neighbours.push({ rank: c + 1, ...items[all.indices[at]], value: round(all.values[at], 6) });
  }
  const result = {
    type: 'neighbours',
    dataset: ds.id,
    source: {
      ...vec.source,
      block: vec.block,
      dim: vec.set.dim,
      trainSeconds: round(vec.source.trainSeconds, 2),
    },
    distance: metric,
    value: DISTANCES[metric].value,
    query,
    movie: movie === null ? null : items[movie],
    k,
    neighbours,
    agreement: agreement && {
      k: agreement.k,
      neighbours: round(agreement.neighbours),
      random: round(agreement.random),
      items: agreement.items,
    },
    allPairsMillis: round(allPairsMillis, 1),
    items: ds.nItems,
  };
  if (v.json) {
    out.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  if (movie !== null) {
    out.write(`${items[movie].title} [${items[movie].genres.join('|')}], ${DISTANCES[metric].label}:\n`);
    for (const n of neighbours)
      out.write(
        `  ${String(n.rank).padStart(3)}. ${n.title} [${n.genres.join('|')}]  ${DISTANCES[metric].value} ${n.value}\n`,
      );
  }
  if (agreement)
    out.write(
      `Genre agreement of the ${agreement.k} nearest: ${round(agreement.neighbours, 3)} (random pairs ${round(agreement.random, 3)})\n`,
    );
  out.write(`All pairs of ${ds.nItems} items: ${Math.round(allPairsMillis)} ms\n`);
  return 0;
}

export const neighboursCommand: Command = {
  summary: "a movie's nearest neighbours in a model's item vectors (trained first), and genre agreement",
  run: (argv) => runNeighbours(argv),
};
