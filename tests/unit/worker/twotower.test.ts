/**
 * The Two-tower stage's worker calls without the worker: a run trained through the generic train job is
 * read back as feature pages, a genre profile's top movies and an existing user's table; runs of other
 * families, released runs and unknown users are refused with a reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/train/backend';
import {
  TOWER_EVAL_DEFAULTS,
  TOWER_PREP_DEFAULTS,
  TOWER_TRAIN_DEFAULTS,
  defaultTowerModel,
  type TowerExperiment,
  type TowerKind,
} from '../../../src/models/twotower/config';
import { defaultModelConfig, NCF_TRAIN_DEFAULTS } from '../../../src/models/ncf/config';
import { EVAL_DEFAULTS } from '../../../src/metrics/config';
import { DEFAULT_PREP } from '../../../src/data/builtins';
import { DatasetStore } from '../../../src/worker/datasets';
import { JobRegistry } from '../../../src/worker/jobs';
import { createTrainingApi, RunStore } from '../../../src/worker/training';
import { createTwoTowerApi } from '../../../src/worker/twotower';
import { GENRES, rated } from '../twotower/fixture';

const jobs = new JobRegistry();
const store = new DatasetStore();
const runs = new RunStore();
const training = createTrainingApi(jobs, store, runs);
const towers = createTwoTowerApi(runs);
const ds = rated();
const handle = store.keep(ds);
const bare = store.keep(rated(20, 10, 5, 1, false));

function config(kind: TowerKind, objective: 'rating' | 'retrieval' = 'rating'): TowerExperiment {
  return {
    prep: structuredClone(TOWER_PREP_DEFAULTS),
    model: { ...defaultTowerModel(kind), layers: [16], embeddingDim: 8 },
    train: { ...TOWER_TRAIN_DEFAULTS, epochs: 8, batchSize: 32, objective },
    eval: { ...TOWER_EVAL_DEFAULTS },
  };
}

async function train(cfg: TowerExperiment, on = handle): Promise<string> {
  const out = await training.train(
    `j${Math.random()}`,
    on,
    'two-tower',
    cfg,
    { maxUsers: null },
    () => undefined,
  );
  if (!out.ok) throw new Error(out.reason);
  expect(out.value.embeddingBlocks).toEqual(['item tower']);
  return out.value.runHandle;
}

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
});

describe('two-tower worker calls', () => {
  it('pages the feature tables, raw and standardised', async () => {
    const run = await train(config('features'));
    const info = unwrap(await towers.twoTowerInfo(run));
    expect(info).toMatchObject({
      genres: GENRES,
      profiles: true,
      scoreKind: 'rating',
      defaultRatingCount: 10,
    });
    const users = unwrap(await towers.twoTowerFeatures(run, 'users', 5, 10));
    expect(users).toMatchObject({ side: 'users', total: ds.nUsers, offset: 5 });
    expect(users.rows.map((r) => r.id)).toEqual(ds.userIds.slice(5, 15));
    expect(users.columns[1]).toBe('average rating');
    const r = users.rows[0];
    r.raw.forEach((v, c) => expect(r.scaled[c]).toBeCloseTo((v - users.mean[c]) / users.std[c], 4));
    const items = unwrap(await towers.twoTowerFeatures(run, 'items', ds.nItems - 3, 500));
    expect(items.rows.map((x) => x.label)).toEqual(ds.items?.title.slice(-3));
    expect(unwrap(await towers.twoTowerFeatures(run, 'items', 0, 10_000)).rows.length).toBe(ds.nItems);
    runs.release(run);
  });

  it('answers a genre profile with the top movies in stars, and the profile moves them', async () => {
    const run = await train(config('features'));
    const drama = unwrap(await towers.twoTowerProfile(run, { genres: [0, 0, 5, 0] }, 10));
    const action = unwrap(await towers.twoTowerProfile(run, { genres: [5, 0, 0, 0] }, 10));
    expect(drama.items).toHaveLength(10);
    for (const p of drama.items) {
      expect(p.stars).toBe(p.score);
      expect(p.stars ?? 0).toBeGreaterThanOrEqual(1);
      expect(p.stars ?? 9).toBeLessThanOrEqual(5);
    }
    const scores = drama.items.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The fixture's users love one genre each: a drama lover's list leans to dramas, an action fan's to action.
    const share = (a: typeof drama, g: string) => a.items.filter((p) => p.genres.includes(g)).length;
    expect(share(drama, 'Drama')).toBeGreaterThan(share(action, 'Drama'));
    expect(share(action, 'Action')).toBeGreaterThan(share(drama, 'Action'));
    expect(drama.millis).toBeGreaterThanOrEqual(0);
    runs.release(run);
  });

  it('shows an existing user every movie they rated, predicted against actual, best predicted first', async () => {
    const run = await train(config('hybrid'));
    const t = unwrap(await towers.twoTowerUser(run, 'u3'));
    const u = 3;
    const mine = Array.from(ds.interactions.user).filter((x) => x === u).length;
    expect(t.rows).toHaveLength(mine);
    expect(new Set(t.rows.map((r) => r.side))).toEqual(new Set(['train', 'test']));
    for (const r of t.rows) expect(r.error).toBeCloseTo(r.predicted - r.actual, 6);
    const p = t.rows.map((r) => r.predicted);
    expect(p).toEqual([...p].sort((a, b) => b - a));
    const test = t.rows.filter((r) => r.side === 'test');
    expect(t.testRmse).toBeCloseTo(Math.sqrt(test.reduce((a, r) => a + r.error ** 2, 0) / test.length), 5);
    // Every user's table holds every rating they gave, the validation share's too.
    const sides = new Set<string>();
    for (const id of ds.userIds) {
      const all = unwrap(await towers.twoTowerUser(run, id));
      const u = ds.userIds.indexOf(id);
      expect(all.rows).toHaveLength(Array.from(ds.interactions.user).filter((x) => x === u).length);
      for (const r of all.rows) sides.add(r.side);
    }
    expect(sides).toEqual(new Set(['train', 'validation', 'test']));
    expect((await towers.twoTowerUser(run, 'nobody')).ok).toBe(false);
    runs.release(run);
    expect(await towers.twoTowerUser(run, 'u3')).toEqual({
      ok: false,
      reason: 'That model is no longer kept in the worker; train it again.',
    });
  });

  it('refuses what a run cannot answer, with the reason', async () => {
    const ids = await train(config('ids'));
    expect(unwrap(await towers.twoTowerInfo(ids)).profiles).toBe(false);
    const p = await towers.twoTowerProfile(ids, { genres: [5, 0, 0, 0] }, 10);
    expect(p.ok ? '' : p.reason).toMatch(/only by their id/);
    runs.release(ids);
    const retrieval = await train(config('features', 'retrieval'));
    const r = await towers.twoTowerUser(retrieval, 'u1');
    expect(r.ok ? '' : r.reason).toMatch(/rankings, not ratings/);
    expect(
      unwrap(await towers.twoTowerProfile(retrieval, { genres: [5, 0, 0, 0] }, 3)).items[0].stars,
    ).toBeNull();
    runs.release(retrieval);
    const ncf = await training.train(
      'ncf',
      handle,
      'ncf',
      {
        prep: DEFAULT_PREP,
        model: defaultModelConfig('mf'),
        train: { ...NCF_TRAIN_DEFAULTS, epochs: 1 },
        eval: EVAL_DEFAULTS,
      },
      { maxUsers: null },
      () => undefined,
    );
    if (!ncf.ok) throw new Error(ncf.reason);
    expect(await towers.twoTowerInfo(ncf.value.runHandle)).toEqual({
      ok: false,
      reason: 'That run is not a two-tower model.',
    });
    // Feature towers on a bare ratings file: the run fails with the reason and a way out.
    const noMeta = await training.train(
      'b',
      bare,
      'two-tower',
      config('features'),
      { maxUsers: null },
      () => undefined,
    );
    expect(noMeta.ok ? '' : noMeta.reason).toMatch(/no item metadata.*ID embeddings/);
    await train(config('ids'), bare);
  });
});
