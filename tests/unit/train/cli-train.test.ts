import { describe, expect, it } from 'vitest';
import { runTrain } from '../../../src/cli/commands/train';
import { NCF_KINDS as MODEL_KINDS } from '../../../src/models/ncf/config';
import { haveMl100k } from '../../quality/ml100k';
import { captureCli } from '../../helpers/cli';

async function run(argv: string[]) {
  const { code, out, err } = await captureCli(runTrain, argv);
  const lines = out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, err, lines };
}

describe('lab train --json (in process, WASM backend, structured synthetic set)', () => {
  it.each(MODEL_KINDS)('%s: one JSON line per epoch, then a result with metrics and speed', async (kind) => {
    const { code, err, lines } = await run([
      '--dataset',
      'synthetic-structured',
      '--model',
      kind,
      '--protocol',
      'loo',
      '--epochs',
      '2',
      '--batch',
      '1024',
      '--backend',
      'wasm',
      '--json',
    ]);
    // Item popularity needs no training: the training flags it was given are named as ignored.
    expect(err).toBe(
      kind === 'itempop'
        ? 'note: --epochs, --batch do nothing for itempop, which needs no training; ignored\n'
        : '',
    );
    expect(code).toBe(0);
    const epochs = lines.filter((l) => l.type === 'epoch');
    const result = lines[lines.length - 1] as {
      type: string;
      metrics: Record<string, number>;
      trainSeconds: number;
      samplesPerSecond: number;
      backend: string;
    };
    expect(epochs.length).toBe(kind === 'itempop' ? 0 : 2);
    expect(result.type).toBe('result');
    expect(result.backend).toBe('wasm');
    for (const m of ['hr@10', 'ndcg@10', 'hr@10_full', 'ndcg@10_full'])
      expect(Number.isFinite(result.metrics[m]), m).toBe(true);
    // The structured set has taste signal: every model ranks the held-out item above chance (10/101).
    expect(result.metrics['hr@10']).toBeGreaterThan(0.2);
    if (kind !== 'itempop') {
      expect(result.trainSeconds).toBeGreaterThan(0);
      expect(result.samplesPerSecond).toBeGreaterThan(0);
    }
  });

  it('runs preset 000 on its own dataset and reproduces its lesson', async () => {
    const { code, lines } = await run([
      '--preset',
      '000',
      '--epochs',
      '1',
      '--backend',
      'wasm',
      '--json',
      '--no-full',
    ]);
    expect(code).toBe(0);
    const results = lines.filter((l) => l.type === 'result') as {
      model: string;
      dataset: string;
      metrics: Record<string, number>;
    }[];
    expect(results.map((r) => r.model)).toEqual(['mlp']);
    expect(results[0].dataset).toBe('synthetic-random');
    expect(results[0].metrics.accuracy).toBeCloseTo(results[0].metrics.majority_accuracy, 2);
  });

  it.skipIf(!haveMl100k())("runs a seed's baseline with the seed's settings, once", async () => {
    const { code, lines } = await run([
      '--preset',
      '001',
      '--model',
      'warp',
      '--epochs',
      '1',
      '--json',
      '--no-full',
    ]);
    expect(code).toBe(0);
    const results = lines.filter((l) => l.type === 'result') as { model: string; protocol: string }[];
    expect(results.map((r) => r.model)).toEqual(['warp']);
    expect(results[0].protocol).toBe('official');
  });

  it('rejects unknown models, presets and bad numbers with one line', async () => {
    expect((await run(['--model', 'svd'])).err).toMatch(/--model/);
    expect((await run(['--preset', '999'])).err).toMatch(/Unknown preset '999'/);
    expect((await run(['--model', 'mf', '--epochs', 'x'])).err).toMatch(/--epochs 'x'/);
    const noBackend = await run(['--model', 'mf', '--dataset', 'synthetic-random', '--backend', 'nosuch']);
    expect(noBackend.code).not.toBe(0);
    expect(noBackend.err).toBe("--backend: no backend 'nosuch': choose wasm, cpu, webgpu, auto\n");
    expect(noBackend.lines).toEqual([]);
    expect((await run(['--model', 'mf', '--file', '/nonexistent/ratings.csv'])).err).toBe(
      '--file /nonexistent/ratings.csv: no such file\n',
    );
    expect((await run(['--model', 'mf', '--file', '/tmp'])).err).toBe(
      '--file /tmp: is a folder, not a file\n',
    );
    expect((await run(['--model', 'mf', '--file', '/dev/zero'])).err).toMatch(
      /^--file \/dev\/zero: not a regular file/,
    );
  });
});
