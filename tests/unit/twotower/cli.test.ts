/**
 * `lab train --stage two-tower` through the generic train command: the stage's default kind without
 * --model, its schema's flags, a result line with RMSE in stars beside both baselines, train seconds and
 * samples/s; feature towers on a bare ratings file fail with the reason in one line.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runTrain } from '../../../src/cli/commands/train';
import { REPO_ROOT } from '../../../src/cli/sources';
import { NO_METADATA } from '../../../src/models/twotower/family';
import { haveMl100k } from '../../quality/ml100k';
import { captureCli } from '../../helpers/cli';

async function run(argv: string[]) {
  const { code, out, err } = await captureCli(runTrain, argv);
  const lines = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, err, lines };
}

describe('lab train --stage two-tower', () => {
  it.skipIf(!haveMl100k())(
    'trains the seed’s towers on ML-100k and reports stars, baselines and speed',
    async () => {
      const { code, err, lines } = await run([
        '--stage',
        'two-tower',
        '--dataset',
        'ml-100k',
        '--epochs',
        '1',
        '--batch',
        '2048',
        '--layers',
        '32',
        '--json',
      ]);
      expect(err).toBe('');
      expect(code).toBe(0);
      const result = lines.at(-1) as {
        type: string;
        model: string;
        protocol: string;
        metrics: Record<string, number>;
        trainSeconds: number;
        samplesPerSecond: number;
      };
      expect(lines.filter((l) => l.type === 'epoch')).toHaveLength(1);
      expect(result).toMatchObject({ type: 'result', model: 'features', protocol: 'random' });
      expect(result.metrics.rmse).toBeLessThan(result.metrics.rmse_global_mean);
      expect(result.metrics.rmse_biases).toBeLessThan(0.96);
      for (const k of ['mae', 'recall@100', 'recall@100_popularity', 'top100_accuracy'])
        expect(Number.isFinite(result.metrics[k]), k).toBe(true);
      expect(result.trainSeconds).toBeGreaterThan(0);
      expect(result.samplesPerSecond).toBeGreaterThan(0);
    },
  );

  it('refuses feature towers on a bare ratings file, and names the way out', async () => {
    const file = join(REPO_ROOT, 'tests/fixtures/good/ratings-small.csv');
    const { code, err } = await run(['--stage', 'two-tower', '--file', file, '--json']);
    expect(code).toBe(1);
    expect(err.trim()).toBe(NO_METADATA);
    const bad = await run(['--stage', 'two-tower', '--split', 'sideways']);
    expect(bad.err).toMatch(/--split 'sideways'/);
  });
});
