/**
 * `lab train`'s flags that were accepted and did nothing, or chose for the user without a word, and its
 * progress lines during an epoch (the interval set to 0: no timed assertion).
 */
import { describe, expect, it } from 'vitest';
import { runTrain } from '../../../src/cli/commands/train';
import { humanSeconds } from '../../../src/cli/progress';
import { captureCli } from '../../helpers/cli';

const run = (argv: string[], progressEveryMs?: number) => captureCli(runTrain, argv, { progressEveryMs });

const json = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('lab train flags', () => {
  it('refuses --file with --dataset, and --movies without --file', async () => {
    const both = await run(['--model', 'mf', '--dataset', 'ml-100k', '--file', '/nonexistent.csv']);
    expect(both.code).toBe(1);
    expect(both.err).toBe('give --file or --dataset, not both\n');
    expect(both.out).toBe('');
    const movies = await run(['--model', 'mf', '--dataset', 'synthetic-random', '--movies', '/tmp/x.csv']);
    expect(movies.code).toBe(1);
    expect(movies.err).toBe('--movies gives titles for --file; a --dataset brings its own\n');
  });

  it('refuses --split without the official protocol', async () => {
    const r = await run([
      '--model',
      'mf',
      '--dataset',
      'synthetic-random',
      '--protocol',
      'random',
      '--split',
      'ub',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('--split names an official split: it needs --protocol official (not random)\n');
  });

  it('keeps refusing flags that do not apply, and out-of-range numbers', async () => {
    const cases: [string[], string][] = [
      [['--model', 'mf', '--pretrain', '3'], '--pretrain does not apply to mf\n'],
      [['--model', 'bpr', '--negatives', '3'], '--negatives does not apply to bpr\n'],
      [['--model', 'mf', '--batch', '0'], "--batch '0': Batch size must be between 1 and 65536\n"],
      [['--model', 'mf', '--epochs', '0'], "--epochs '0': Epochs must be between 1 and 1000\n"],
      [['--model', 'mf', '--lr', '0'], "--lr '0': Learning rate must be between 0.000001 and 10\n"],
      [['--model', 'mf', '--lr', '1e30'], "--lr '1e30': Learning rate must be between 0.000001 and 10\n"],
      [
        ['--model', 'mf', '--negatives', '1e6'],
        "--negatives '1e6': Negatives per positive must be between 0 and 100\n",
      ],
    ];
    for (const [argv, err] of cases) {
      const r = await run([...argv, '--dataset', 'synthetic-random']);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toBe(err);
    }
    const seq = await run(['--stage', 'sequential', '--model', 'gru', '--negatives', '3']);
    expect(seq.code).toBe(1);
    expect(seq.err).toMatch(/^Unknown option '--negatives'/);
  });

  it('names training flags given to a model that needs no training', async () => {
    const r = await run([
      '--model',
      'itempop',
      '--dataset',
      'synthetic-random',
      '--lr',
      '0.1',
      '--epochs',
      '3',
      '--no-full',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const notice = '--epochs, --lr do nothing for itempop, which needs no training; ignored';
    expect(r.err).toBe(`note: ${notice}\n`);
    expect(json(r.out).at(-1)?.notices).toEqual([notice]);
  });
});

describe('lab train progress', () => {
  const ARGS = [
    '--model',
    'mf',
    '--dataset',
    'synthetic-random',
    '--epochs',
    '2',
    '--batch',
    '256',
    '--no-full',
  ];

  it('--json: progress lines during each epoch, before its epoch line, in their own type', async () => {
    const { code, out } = await run([...ARGS, '--json'], 0);
    expect(code).toBe(0);
    const lines = json(out);
    const types = lines.map((l) => l.type);
    const firstEpoch = types.indexOf('epoch');
    expect(types.slice(0, firstEpoch).length).toBeGreaterThan(0);
    expect(types.slice(0, firstEpoch).every((t) => t === 'progress')).toBe(true);
    expect(types.at(-1)).toBe('result');
    const p = lines[0];
    expect(Object.keys(p)).toEqual([
      'type',
      'model',
      'phase',
      'epoch',
      'epochs',
      'step',
      'steps',
      'samples',
      'samplesPerSecond',
      'epochEtaSeconds',
      'etaSeconds',
      'elapsedSeconds',
      'loss',
    ]);
    expect(p).toMatchObject({ type: 'progress', model: 'mf', phase: 'training', epoch: 1, epochs: 2 });
    expect(p.step as number).toBeGreaterThan(0);
    expect(p.step as number).toBeLessThanOrEqual(p.steps as number);
    expect(p.samples as number).toBeGreaterThan(0);
    expect(Number.isFinite(p.loss)).toBe(true);
    // The epoch lines keep their shape.
    expect(Object.keys(lines[firstEpoch])).toEqual([
      'model',
      'type',
      'phase',
      'epoch',
      'loss',
      'valLoss',
      'metric',
      'metrics',
      'lr',
      'trainSeconds',
      'samplesPerSecond',
    ]);
  });

  it('text: progress lines on stderr, stdout as before', async () => {
    const { code, out, err } = await run(ARGS, 0);
    expect(code).toBe(0);
    expect(err).toMatch(/^ {2}mf training: epoch 1 of 2, step \d+ of \d+ \(\d+%\), [\d,]+ samples\/s, /m);
    expect(out).not.toMatch(/step \d+ of/);
  });

  it('text: prints what training decided for the user (early stopping off without validation data)', async () => {
    // A random split holds out no validation data, so early stopping cannot run: the loop says so.
    const args = ['--model', 'mf', '--dataset', 'synthetic-random', '--epochs', '1', '--no-full'];
    const more = ['--protocol', 'random', '--patience', '2'];
    const text = await run([...args, ...more]);
    expect(text.out).toContain('  note: early stopping needs validation data; it was off\n');
  });

  it('prints none before the interval has passed (the default is 10 s)', async () => {
    const { out } = await run([...ARGS, '--json'], 3_600_000);
    expect(json(out).filter((l) => l.type === 'progress')).toEqual([]);
  });

  it('reads times as a person does', () => {
    expect([48, 840, 7500].map(humanSeconds)).toEqual(['48 s', '14 min', '2 h 5 min']);
  });
});
