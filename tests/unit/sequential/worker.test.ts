/**
 * The Sequential stage's worker calls on a kept run (the run store as the training job fills it): next
 * items after a user's real window and after a hand-built sequence, and the typo-tolerant title search.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { initBackend } from '../../../src/train/backend';
import { REPO_ROOT } from '../../../src/cli/sources';
import { runExperiment } from '../../../src/train/experiment';
import { editDistance, searchTitles } from '../../../src/data/search';
import { SEQ_SPEC } from '../../../src/models/sequential/spec';
import { sequentialFamily } from '../../../src/models/sequential/family';
import type { ModelFamily } from '../../../src/train/family';
import type { ExperimentConfig } from '../../../src/train/spec';
import { RunStore } from '../../../src/worker/training';
import { createSequentialApi } from '../../../src/worker/sequential';
import { cyclic } from './fixtures';

const runs = new RunStore();
const api = createSequentialApi(runs);
let handle = '';

beforeAll(async () => {
  await initBackend({
    choice: 'wasm',
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
  });
  const ds = cyclic(40, 20, 12, 5);
  const base = SEQ_SPEC.base('gru', null);
  const cfg = {
    ...base,
    model: {
      kind: 'gru' as const,
      targets: 'last' as const,
      embeddingDim: 16,
      units: [32],
      dropout: 0,
      denseUnits: 0,
    },
    prep: { ...base.prep, window: 4 },
    train: { ...base.train, epochs: 15, batchSize: 32, lr: 0.02, earlyStopping: null },
  };
  const data = sequentialFamily.prepare(ds, cfg);
  if (!data.ok) throw new Error(data.reason);
  const res = await runExperiment(sequentialFamily, data.value, cfg, { validation: false });
  handle = runs.keep({
    stage: 'sequential',
    family: sequentialFamily as unknown as ModelFamily,
    config: cfg as ExperimentConfig,
    model: res.model,
    data: data.value,
    view: data.value,
    ds,
    userIndex: null,
  }).handle;
}, 120_000);

describe('predictNext', () => {
  it("shows a user's real latest items and ranks the item that truly came next first", async () => {
    const r = await api.predictNext(handle, { userId: 'u3' }, 5, false);
    if (!r.ok) throw new Error(r.reason);
    const v = r.value;
    expect(v.userId).toBe('u3');
    expect(v.window).toHaveLength(4);
    expect(v.window.every((w) => w.title?.startsWith('Item number'))).toBe(true);
    // The walk goes up by one: the item after the window's last is the held-out test item.
    const next = (v.window[3].item + 1) % 20;
    expect(v.heldOut.map((h) => h.item)).toEqual([next]);
    expect(v.items).toHaveLength(5);
    expect(v.items[0].item).toBe(next);
    const p = v.items.map((i) => i.probability ?? NaN);
    expect(p.every((x, k) => x > 0 && x <= 1 && (k === 0 || x <= p[k - 1]))).toBe(true);
  });

  it('continues a hand-built sequence, and leaves out what it holds when asked', async () => {
    const r = await api.predictNext(handle, { items: [7, 8, 9, 10, 11, 99] }, 3, false);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.dropped).toBe(1);
    expect(r.value.window.map((w) => w.item)).toEqual([8, 9, 10, 11]);
    expect(r.value.items[0].item).toBe(12);
    const ex = await api.predictNext(handle, { items: [11, 12, 13] }, 20, true);
    if (!ex.ok) throw new Error(ex.reason);
    expect(ex.value.items.some((i) => i.seen)).toBe(false);
    expect(ex.value.items).toHaveLength(17);
  });

  it('answers with a reason for an unknown user or a released run', async () => {
    const who = await api.predictNext(handle, { userId: 'nobody' }, 5, false);
    expect(who.ok).toBe(false);
    const gone = await api.predictNext('run#999', { userId: 'u1' }, 5, false);
    expect(gone.ok ? '' : gone.reason).toMatch(/no longer kept/);
  });
});

describe('title search', () => {
  it('finds titles through typos, case and accents', async () => {
    const titles = [
      'Toy Story (1995)',
      'Story of Us, The (1999)',
      'Amélie (2001)',
      'Heat (1995)',
      'Heathers (1989)',
    ];
    expect(searchTitles(titles, 'toy stroy', 3)[0]?.item).toBe(0);
    expect(searchTitles(titles, 'AMELIE', 3)[0]?.item).toBe(2);
    expect(searchTitles(titles, 'heat', 3).map((h) => h.item)).toEqual([3, 4]);
    expect(searchTitles(titles, 'zebra', 3)).toEqual([]);
    expect(editDistance('stroy', 'story', 2)).toBe(1);
    const r = await api.searchSequenceItems(handle, 'itme numbr 13', 3);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value[0].title).toBe('Item number 13');
  });
});
