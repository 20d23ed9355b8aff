/**
 * `lab train --stage sequential` through the generic command, in process on WASM, on a small ratings file
 * with time: every kind prints a JSON line per epoch and a final line with the same fields as the NCF
 * stage's, and settings from the family's schema become flags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTrain } from '../../../src/cli/commands/train';
import { SEQ_KINDS } from '../../../src/models/sequential/config';
import { cyclic } from './fixtures';
import { captureCli } from '../../helpers/cli';

let dir: string;
let file: string;

async function run(argv: string[]) {
  const { code, out, err } = await captureCli(runTrain, argv);
  const lines = out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, err, lines };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seq-cli-'));
  file = join(dir, 'ratings.csv');
  const x = cyclic(60, 30, 10, 3).interactions;
  const rows = Array.from(x.user, (u, k) => `${u + 1},${x.item[k] + 1},4,${x.timestamp?.[k]}`);
  writeFileSync(file, ['userId,movieId,rating,timestamp', ...rows].join('\n'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SMALL: Record<string, string[]> = {
  lstm: ['--embedding', '8', '--units', '8,8', '--dense', '8'],
  gru: ['--embedding', '8', '--units', '8', '--dense', '0'],
  cnn: ['--embedding', '8', '--filters', '8,8', '--kernel', '2', '--dense', '8'],
  sasrec: ['--embedding', '8', '--blocks', '1'],
};

describe('lab train --stage sequential --json', () => {
  let ncfFields: string[] = [];

  it('the NCF stage, for the fields to match', async () => {
    const { code, lines } = await run(['--file', file, '--model', 'itempop', '--backend', 'wasm', '--json']);
    expect(code).toBe(0);
    ncfFields = Object.keys(lines[lines.length - 1]).sort();
    expect(ncfFields).toContain('metrics');
  });

  it.each(SEQ_KINDS)('%s: epochs, then a result with the NCF stage’s fields', async (kind) => {
    const { code, err, lines } = await run([
      '--stage',
      'sequential',
      '--file',
      file,
      '--model',
      kind,
      '--window',
      '5',
      '--epochs',
      '2',
      '--batch',
      '64',
      ...(SMALL[kind] ?? []),
      '--backend',
      'wasm',
      '--json',
    ]);
    // Popularity and Markov need no training: the training flags they were given are named as ignored.
    expect(err).toBe(
      ['pop', 'markov'].includes(kind)
        ? `note: --epochs, --batch do nothing for ${kind}, which needs no training; ignored\n`
        : '',
    );
    expect(code).toBe(0);
    const result = lines[lines.length - 1] as {
      type: string;
      stage: string;
      protocol: string;
      metrics: Record<string, number>;
      epochs: number;
    };
    expect(Object.keys(result).sort()).toEqual(ncfFields);
    expect(result.type).toBe('result');
    expect(result.stage).toBe('sequential');
    expect(result.protocol).toBe('leave-last-out');
    for (const key of ['accuracy', 'hr@10_full', 'ndcg@10_full', 'mrr_full', 'hr@10', 'ndcg@10'])
      expect(Number.isFinite(result.metrics[key])).toBe(true);
    const trained = kind !== 'pop' && kind !== 'markov';
    expect(lines.filter((l) => l.type === 'epoch').length).toBe(trained ? 2 : 0);
    expect(result.epochs).toBe(trained ? 2 : 0);
  });

  it('refuses a window too short for the convolutions, and flags that do not apply', async () => {
    const short = await run([
      '--stage',
      'sequential',
      '--file',
      file,
      '--model',
      'cnn',
      '--window',
      '5',
      '--kernel',
      '4',
      '--json',
    ]);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/at least 7 items/);
    const wrong = await run(['--stage', 'sequential', '--file', file, '--model', 'gru', '--kernel', '3']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/does not apply to gru/);
  });
});
