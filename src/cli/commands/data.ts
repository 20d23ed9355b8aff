/** `lab data`: load a dataset with the same code the worker runs and print its statistics. */
import { printableJson, printableLines } from '../../data/parse/printable';
import { parseArgs } from 'node:util';
import {
  computeStats,
  describeSkips,
  loadFiles,
  type Dataset,
  type DatasetStats,
  type NamedBlob,
  type Result,
} from '../../data';
import { blobFromPath, blobsFromSource, findMl100k, ml100kNotice, unreadableFile } from '../sources';
import type { Command } from './index';
import { loadBuiltinDataset } from '../datasets';
import { BUILTIN_IDS } from '../../data/builtins';

const HELP = `Usage: npm run lab -- data (--dataset <name> | --file <ratings file> [--movies <metadata file>]) [options]

  --dataset <name>     ml-100k (public/data/ml-100k or MOVIELENS_SOURCE), synthetic-random, synthetic-structured
  --file <path>        any ratings file the upload accepts (or a zip: ml-100k.zip, ...)
  --movies <path>      item metadata for --file (movies.csv, movies.dat, u.item or any id,title,genres table)
  --seed <n>           seed for the synthetic sets
  --rating-range a:b   reject ratings outside [a, b]
  --json               print one JSON object instead of a summary
`;

export interface DataReport extends DatasetStats {
  dataset: string;
  name: string;
  nUsers: number;
  nItems: number;
  ratingScale: { min: number; max: number } | null;
  skippedExamples: string[];
  notices: string[];
  officialSplits: { name: string; testRows: number }[];
  parseSeconds: number;
}

export function buildReport(ds: Dataset, seconds: number): DataReport {
  return {
    dataset: ds.id,
    name: ds.name,
    ...computeStats(ds),
    nUsers: ds.nUsers,
    nItems: ds.nItems,
    ratingScale: ds.ratingScale,
    skippedExamples: ds.skipped.examples,
    notices: ds.notices,
    officialSplits: ds.officialSplits.map((s) => ({ name: s.name, testRows: s.testRows.length })),
    parseSeconds: Math.round(seconds * 1000) / 1000,
  };
}

const day = (t: number): string => new Date(t * 1000).toISOString().slice(0, 10);

export function formatReport(r: DataReport): string {
  const lines = [
    `${r.name} (${r.dataset})`,
    `  users ${r.users}, items ${r.items}, ratings ${r.ratings}, density ${(r.density * 100).toFixed(2)}%`,
  ];
  if (r.ratingHistogram.length > 0) {
    const hist = r.ratingHistogram.map((h) => `${h.value}: ${h.count}`).join(', ');
    lines.push(`  ratings: mean ${r.ratingMean?.toFixed(3)}; ${hist}`);
  } else lines.push('  implicit feedback (no ratings)');
  if (r.timeSpan) lines.push(`  time span ${day(r.timeSpan.first)} to ${day(r.timeSpan.last)}`);
  if (r.genres)
    lines.push(`  ${r.genres.length} genres: ${r.genres.map((g) => `${g.name} ${g.items}`).join(', ')}`);
  if (r.officialSplits.length > 0) {
    lines.push(
      `  official splits: ${r.officialSplits.map((s) => `${s.name} (${s.testRows} test)`).join(', ')}`,
    );
  }
  const skipped = describeSkips({ count: r.skippedRows, examples: r.skippedExamples });
  for (const n of r.notices) lines.push(`  note: ${n}`);
  lines.push(`  ${skipped}`, `  parsed in ${r.parseSeconds.toFixed(3)} s`);
  return lines.join('\n');
}

const RANGE_NUMBER = '([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)';
const RANGE = new RegExp(`^${RANGE_NUMBER}:${RANGE_NUMBER}$`);

/** "1:5" -> { min: 1, max: 5 }; '.:.', '5:1' and '1e999:5' are refused, naming the problem. */
export function parseRange(text: string | undefined): Result<{ min: number; max: number } | undefined> {
  if (text === undefined) return { ok: true, value: undefined };
  const m = RANGE.exec(text.trim());
  if (!m) return { ok: false, reason: `--rating-range '${text}' is not min:max (two numbers, like 1:5)` };
  const [min, max] = [Number(m[1]), Number(m[2])];
  for (const [t, v] of [
    [m[1], min],
    [m[2], max],
  ] as const) {
    if (!Number.isFinite(v))
      return { ok: false, reason: `--rating-range '${text}': ${t} is not a finite number` };
  }
  if (min > max) {
    return { ok: false, reason: `--rating-range '${text}': the minimum ${min} is above the maximum ${max}` };
  }
  return { ok: true, value: { min, max } };
}

interface DataArgs {
  dataset?: string;
  file?: string;
  movies?: string;
  seed?: string;
  'rating-range'?: string;
}

async function loadDataset(a: DataArgs): Promise<Result<Dataset>> {
  if (a.dataset !== undefined && a.file !== undefined)
    return { ok: false, reason: 'give --file or --dataset, not both' };
  if (a.movies !== undefined && a.file === undefined)
    return { ok: false, reason: '--movies gives titles for --file; a --dataset brings its own' };
  const seed = a.seed === undefined ? undefined : Number(a.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    return { ok: false, reason: `--seed '${a.seed}' is not an integer` };
  if (a.dataset === 'synthetic-random' || a.dataset === 'synthetic-structured')
    return loadBuiltinDataset(a.dataset, seed);
  const range = parseRange(a['rating-range']);
  if (!range.ok) return range;
  let files: NamedBlob[];
  if (a.dataset === 'ml-100k') {
    const src = findMl100k();
    if (typeof src === 'string') return { ok: false, reason: src };
    const notice = ml100kNotice(src.path);
    if (notice !== null) process.stderr.write(`Notice: ${notice}.\n`);
    files = await blobsFromSource(src.path);
  } else if (a.dataset !== undefined) {
    return { ok: false, reason: `Unknown dataset '${a.dataset}' (${BUILTIN_IDS.join(', ')})` };
  } else if (a.file !== undefined) {
    const problem =
      unreadableFile(a.file, '--file') ??
      (a.movies === undefined ? null : unreadableFile(a.movies, '--movies'));
    if (problem !== null) return { ok: false, reason: problem };
    files = [await blobFromPath(a.file)];
    if (a.movies !== undefined) files.push(await blobFromPath(a.movies));
  } else return { ok: false, reason: 'Give --dataset <name> or --file <ratings file> (see --help)' };
  const metadataFile = a.movies === undefined ? undefined : files[files.length - 1].name;
  return loadFiles(files, { ratingRange: range.value, metadataFile });
}

export interface Output {
  write(text: string): unknown;
}

export async function runData(
  argv: string[],
  out: Output = process.stdout,
  err: Output = process.stderr,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        dataset: { type: 'string' },
        file: { type: 'string' },
        movies: { type: 'string' },
        seed: { type: 'string' },
        'rating-range': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
  } catch (e) {
    err.write(`${e instanceof Error ? e.message : String(e)}\n${HELP}`);
    return 1;
  }
  const v = parsed.values;
  if (v.help) {
    out.write(HELP);
    return 0;
  }
  const t0 = performance.now();
  let ds: Result<Dataset>;
  try {
    ds = await loadDataset(v);
  } catch (e) {
    ds = { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  if (!ds.ok) {
    err.write(`${printableLines(ds.reason)}\n`);
    return 1;
  }
  const report = buildReport(ds.value, (performance.now() - t0) / 1000);
  // File content reaches the terminal here: no control sequence of it may run there.
  out.write(
    v.json ? `${printableJson(JSON.stringify(report))}\n` : `${printableLines(formatReport(report))}\n`,
  );
  return 0;
}

export const dataCommand: Command = {
  summary: 'load a dataset and print its statistics (users, items, ratings, density, histogram...)',
  run: (argv) => runData(argv),
};
