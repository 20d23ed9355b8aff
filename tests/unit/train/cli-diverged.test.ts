/**
 * `lab train` on a run whose loss runs away: the schema caps --lr at 10, under which the lab's models stay
 * finite, so the learning-rate schedule is replaced here by one that returns 1e30 (as --lr 1e30 did
 * before the cap).
 */
import { describe, expect, it, vi } from 'vitest';
import { EXIT_DIVERGED, runTrain } from '../../../src/cli/commands/train';
import { captureCli } from '../../helpers/cli';

vi.mock('../../../src/train/config', async (original) => ({
  ...(await original<typeof import('../../../src/train/config')>()),
  learningRate: () => 1e30,
}));

const run = (argv: string[]) => captureCli(runTrain, argv);

const ARGS = ['--dataset', 'synthetic-random', '--model', 'mf', '--epochs', '3', '--no-full'];
const NOTE =
  /the loss became (NaN|Infinity) at epoch 1, step \d+; kept the weights of epoch 0 \(before training\) — lower the learning rate \(now 0\.005\)/;

describe('lab train on a diverging run', () => {
  it('--json: says "diverged" with the note in the result line, and exits 3', async () => {
    const { code, out, err } = await run([...ARGS, '--json']);
    expect(code).toBe(EXIT_DIVERGED);
    expect(EXIT_DIVERGED).toBe(3);
    expect(err).toBe('');
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; stopped?: string; notes?: string[]; bestEpoch?: number });
    expect(lines.filter((l) => l.type === 'epoch')).toEqual([]);
    const result = lines.at(-1);
    expect(result?.type).toBe('result');
    expect(result?.stopped).toBe('diverged');
    expect(result?.bestEpoch).toBe(0);
    expect(result?.notes?.some((n) => NOTE.test(n))).toBe(true);
  });

  it('text: prints the note on stderr, and exits 3', async () => {
    const { code, err } = await run(ARGS);
    expect(code).toBe(3);
    expect(err).toMatch(new RegExp(`^mf: training diverged: ${NOTE.source}\\n$`));
  });
});
