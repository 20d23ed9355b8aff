/**
 * The Similarity stage's worker API without the worker: a quick MF trained through the generic `train`
 * call becomes a source; its neighbours page and sort, agree with a double loop, beat random genre
 * agreement; maps project with progress and cancel; exports come out whole; a released run is gone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { REPO_ROOT } from '../../../src/cli/sources';
import type { Dataset } from '../../../src/data/types';
import { NCF_SPEC } from '../../../src/models/ncf/spec';
import { quickMf, UMAP_DEFAULTS } from '../../../src/similarity/config';
import { DatasetStore } from '../../../src/worker/datasets';
import { JobRegistry } from '../../../src/worker/jobs';
import type { Progress, SourceRef } from '../../../src/worker/protocol';
import { createSimilarityApi } from '../../../src/worker/similarity';
import { createTrainingApi, RunStore } from '../../../src/worker/training';
import { clustered } from '../train/fixtures';
import { referenceRow } from '../similarity/reference';

/** The clustered set with titles, and one genre per item: its cluster, which users' tastes follow. */
function withGenres(): Dataset {
  const ds = clustered();
  return {
    ...ds,
    items: {
      title: ds.itemIds.map((_, i) => `Item ${i} (${1990 + (i % 7)})`),
      genreNames: ['North', 'East', 'South', 'West'],
      genreMask: Uint32Array.from(ds.itemIds, (_, i) => 1 << (i % 4)),
      year: Int16Array.from(ds.itemIds, (_, i) => 1990 + (i % 7)),
    },
  };
}

const ds = withGenres();
const jobs = new JobRegistry();
const store = new DatasetStore();
const runs = new RunStore();
const training = createTrainingApi(jobs, store, runs);
const api = createSimilarityApi(jobs, runs);
let runHandle = '';
const ref = (metric: SourceRef['metric'] = 'cosine'): SourceRef => ({ runHandle, block: 'factors', metric });

beforeAll(async () => {
  await initBackend({
    choice: 'wasm',
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
  });
  const out = await training.train(
    'quick',
    store.keep(ds),
    'ncf',
    quickMf(NCF_SPEC),
    { maxUsers: null },
    () => undefined,
  );
  if (!out.ok) throw new Error(out.reason);
  runHandle = out.value.runHandle;
});

describe('similarity in the worker', () => {
  it('lists the quick MF as a source with its factor block', async () => {
    expect(quickMf(NCF_SPEC).model.kind).toBe('mf');
    expect(await api.similaritySources()).toEqual([
      {
        runHandle,
        family: 'ncf',
        stage: 'ncf',
        kind: 'mf',
        label: 'MF (dot product + biases)',
        dataset: { id: 'clustered', name: 'clustered' },
        nItems: 40,
        blocks: [{ name: 'factors', dim: 32, normalised: false }],
        hasGenres: true,
      },
    ]);
  });

  it('gives one movie its neighbours as the double loop ranks them', async () => {
    const blocks = await training.embeddings(runHandle);
    if (!blocks.ok) throw new Error(blocks.reason);
    const set = { n: 40, dim: 32, vectors: blocks.value[0].vectors };
    for (const metric of ['euclidean', 'cosine', 'dot'] as const) {
      const r = await api.itemNeighbours(ref(metric), 7, 5);
      if (!r.ok) throw new Error(r.reason);
      expect(r.value.item).toMatchObject({ item: 7, title: 'Item 7 (1990)', genres: ['West'], year: 1990 });
      const want = referenceRow(set, 7, metric).slice(0, 5);
      expect(r.value.neighbours.map((n) => n.item)).toEqual(want.map((w) => w.j));
      r.value.neighbours.forEach((n, c) => expect(n.value).toBeCloseTo(want[c].value, 4));
    }
    expect(await api.itemNeighbours(ref(), 40, 5)).toEqual({ ok: false, reason: 'No item 40.' });
    expect((await api.itemNeighbours({ ...ref(), block: 'GMF' }, 1, 5)).ok).toBe(false);
  });

  it('pages and sorts the table of nearest neighbours, computing all pairs once', async () => {
    const first = await api.neighbourTable(ref('euclidean'), 0, 50, 'nearest');
    if (!first.ok) throw new Error(first.reason);
    expect(first.value.total).toBe(40);
    expect(first.value.rows).toHaveLength(40);
    expect(first.value.computeMillis).toBeGreaterThan(0);
    expect(first.value.cached).toBe(false);
    const values = first.value.rows.map((r) => r.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    for (const row of first.value.rows.slice(0, 5)) {
      const one = await api.itemNeighbours(ref('euclidean'), row.item.item, 1);
      if (!one.ok) throw new Error(one.reason);
      expect(row.nearest.item).toBe(one.value.neighbours[0].item);
    }
    const page = await api.neighbourTable(ref('euclidean'), 10, 5, 'nearest');
    if (!page.ok) throw new Error(page.reason);
    expect(page.value.cached).toBe(true);
    expect(page.value.computeMillis).toBe(first.value.computeMillis);
    expect(page.value.rows).toEqual(first.value.rows.slice(10, 15));
    // The dot product's nearest is its largest.
    const dot = await api.neighbourTable(ref('dot'), 0, 40, 'nearest');
    if (!dot.ok) throw new Error(dot.reason);
    const dv = dot.value.rows.map((r) => r.value);
    expect(dv).toEqual([...dv].sort((a, b) => b - a));
    const far = await api.neighbourTable(ref('dot'), 0, 40, 'farthest');
    if (!far.ok) throw new Error(far.reason);
    expect(far.value.rows.map((r) => r.value)).toEqual([...dv].reverse());
    const byIndex = await api.neighbourTable(ref('dot'), 0, 3, 'index');
    if (!byIndex.ok) throw new Error(byIndex.reason);
    expect(byIndex.value.rows.map((r) => r.item.item)).toEqual([0, 1, 2]);
  });

  it('finds titles despite typos', async () => {
    const r = await api.searchItems(runHandle, 'itme 17', 5);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value[0]).toMatchObject({ item: 17, title: 'Item 17 (1993)' });
  });

  it('measures genre agreement above the random baseline', async () => {
    const [a, ...rest] = await api.agreement('cosine', 5);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ runHandle, block: 'factors', metric: 'cosine', k: 5, items: 40 });
    // One genre in four: any other item shares it 9 times in 39.
    expect(a.random).toBeCloseTo(9 / 39, 10);
    expect(a.neighbours).toBeGreaterThan(a.random + 0.3);
  });

  it('projects by PCA and UMAP with progress, and cancels', async () => {
    const events: Progress[] = [];
    const p = await api.project('map', ref(), { kind: 'pca' }, (e) => events.push(e));
    if (!p.ok) throw new Error(p.reason);
    expect(p.value.coords).toHaveLength(80);
    expect(p.value.explained?.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.value.explained?.[0]).toBeGreaterThan(p.value.explained?.[1] ?? 1);
    expect(Array.from(p.value.primaryGenre.subarray(0, 5))).toEqual([0, 1, 2, 3, 0]);
    expect(p.value.genreNames).toEqual(['North', 'East', 'South', 'West']);
    expect(p.value.titles.slice(0, 2)).toEqual(['Item 0 (1990)', 'Item 1 (1991)']);
    expect(events[0].phase).toBe('PCA');

    const u = await api.project(
      'map',
      ref(),
      { kind: 'umap', ...UMAP_DEFAULTS, epochs: 30 },
      () => undefined,
    );
    if (!u.ok) throw new Error(u.reason);
    expect(u.value.coords.every(Number.isFinite)).toBe(true);
    expect(u.value.explained).toBeNull();

    const before = tf.memory().numTensors;
    const long = api.project(
      'long',
      ref(),
      { kind: 'umap', ...UMAP_DEFAULTS, epochs: 100000 },
      () => undefined,
    );
    setTimeout(() => jobs.get('long')?.cancel(), 100);
    expect(await long).toEqual({ ok: false, reason: 'Cancelled', cancelled: true });
    await expect.poll(() => tf.memory().numTensors).toBe(before);
  });

  it('exports Projector files, neighbours and the last map', async () => {
    const proj = await api.exportProjector(ref());
    if (!proj.ok) throw new Error(proj.reason);
    expect(proj.value.vectors.trim().split('\n')).toHaveLength(40);
    expect(proj.value.vectors.split('\n')[0].split('\t')).toHaveLength(32);
    const meta = proj.value.metadata.trim().split('\n');
    expect(meta).toHaveLength(41);
    expect(meta[1]).toBe('i0\tItem 0 (1990)\tNorth\t1990\tNorth');
    const csv = await api.exportNeighbours(ref(), 3);
    if (!csv.ok) throw new Error(csv.reason);
    expect(csv.value.trim().split('\r\n')).toHaveLength(1 + 40 * 3);
    expect(csv.value.split('\r\n')[0]).toContain('1 − cosine');
    const xy = await api.exportCoordinates(ref());
    if (!xy.ok) throw new Error(xy.reason);
    expect(xy.value.trim().split('\r\n')).toHaveLength(41);
  });

  it('lets a released run go', async () => {
    training.releaseRun(runHandle);
    expect(await api.similaritySources()).toEqual([]);
    expect((await api.neighbourTable(ref(), 0, 5, 'nearest')).ok).toBe(false);
    expect((await api.searchItems(runHandle, 'item', 5)).ok).toBe(false);
    expect((await api.exportCoordinates(ref())).ok).toBe(false);
  });
});
