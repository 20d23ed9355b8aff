/**
 * The towers' inputs: features and their standardisation come from the training ratings alone (changing
 * every test rating changes nothing the towers read), the target maps to [-1, 1] and back, the seed's
 * shortcut is exactly twice the error in stars, cold start reveals each test user's earliest ratings, and
 * the baselines match their closed forms.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset, PairSet } from '../../../src/data/types';
import { errors, fitBiases, predictBiases, withUserBiases } from '../../../src/models/twotower/baselines';
import { TOWER_PREP_DEFAULTS, type TowerPrep } from '../../../src/models/twotower/config';
import { prepareTowers, type TowerData } from '../../../src/models/twotower/data';
import {
  countsOf,
  fitStandardiser,
  fitTargetScale,
  profileRow,
  scaleTarget,
  standardise,
  unscaleTarget,
  withoutCount,
} from '../../../src/models/twotower/features';
import { GENRES, rated } from './fixture';

function towers(ds: Dataset, prep: Partial<TowerPrep> = {}): TowerData {
  const r = prepareTowers(ds, { ...TOWER_PREP_DEFAULTS, ...prep }, 0.1);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** The dataset with every rating of the given (user, item) pairs replaced. */
function withRatings(ds: Dataset, pairs: PairSet, value: number): Dataset {
  const keys = new Set(Array.from(pairs.user, (u, j) => `${u}:${pairs.item[j]}`));
  const x = ds.interactions;
  const rating = Float32Array.from(x.rating ?? [], (r, k) =>
    keys.has(`${x.user[k]}:${x.item[k]}`) ? value : r,
  );
  return { ...ds, interactions: { ...x, rating } };
}

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe('two-tower features', () => {
  const ds = rated();
  const d = towers(ds);

  it('computes user and item features from the training ratings only', () => {
    expect(d.user.names).toEqual(['rating count', 'average rating', ...GENRES.map((g) => `avg ${g}`)]);
    expect(d.item.names).toEqual(['year', 'average rating', ...GENRES, 'rating count']);
    const r = d.train.rating as Float32Array;
    for (const u of [0, 5, 17]) {
      const mine = Array.from(r).filter((_, j) => d.train.user[j] === u);
      const row = d.user.raw.subarray(u * d.user.width, (u + 1) * d.user.width);
      expect(row[0]).toBe(mine.length);
      expect(row[1]).toBeCloseTo(mean(mine), 5);
      const withAction = Array.from(r).filter(
        (_, j) => d.train.user[j] === u && ((ds.items?.genreMask[d.train.item[j]] ?? 0) & 1) !== 0,
      );
      expect(row[2]).toBeCloseTo(withAction.length ? mean(withAction) : 0, 5);
    }
    // The unknown year (item 3) takes the mean known year; the count column is the training count.
    const known = Array.from(ds.items?.year ?? []).filter((y) => y > 0);
    expect(d.item.raw[3 * d.item.width]).toBeCloseTo(mean(known), 3);
    expect(d.item.raw[d.item.width - 1]).toBe(d.train.item.filter((i) => i === 0).length);
  });

  it('lets nothing held out leak: changing every test or validation rating changes no feature or statistic', () => {
    const validation = d.validation as PairSet;
    expect(validation.user.length).toBe(Math.round(0.1 * (d.train.user.length + validation.user.length)));
    const both = {
      user: Int32Array.of(...d.test.user, ...validation.user),
      item: Int32Array.of(...d.test.item, ...validation.item),
      rating: null,
    };
    const changed = towers(withRatings(ds, both, 1));
    expect(changed.test.rating).not.toEqual(d.test.rating);
    expect(changed.validation?.rating).not.toEqual(validation.rating);
    expect(changed.user.raw).toEqual(d.user.raw);
    expect(changed.user.scaled).toEqual(d.user.scaled);
    expect(changed.item.scaled).toEqual(d.item.scaled);
    expect(changed.scale).toEqual(d.scale);
    expect(changed.globalMean).toBe(d.globalMean);
  });

  it('standardises on the training rows: weighted by training ratings, each column has mean 0 and deviation 1', () => {
    for (const t of [d.user, d.item]) {
      const counts = t === d.user ? d.userCounts : countsOf(d.train.item, d.nItems);
      const total = counts.reduce((a, b) => a + b, 0);
      for (let c = 0; c < t.width; c++) {
        let m = 0;
        let s = 0;
        for (let r = 0; r < t.n; r++) m += counts[r] * t.scaled[r * t.width + c];
        for (let r = 0; r < t.n; r++) s += counts[r] * (t.scaled[r * t.width + c] - m / total) ** 2;
        expect(m / total).toBeCloseTo(0, 4);
        expect(Math.sqrt(s / total)).toBeCloseTo(1, 3);
      }
    }
    // A constant column standardises to 0, not NaN.
    const s = fitStandardiser(Float32Array.of(2, 5, 2, 7), 2, Float32Array.of(1, 3));
    const z = standardise(Float32Array.of(2, 5, 2, 7), 2, s);
    [0, -Math.sqrt(3), 0, 1 / Math.sqrt(3)].forEach((v, k) => expect(z[k]).toBeCloseTo(v, 5));
  });

  it('leaves out the item rating count unless asked, and keeps it when it is the only column', () => {
    const w = withoutCount(d.item);
    expect(w.width).toBe(d.item.width - 1);
    expect(Array.from(w.values.subarray(0, w.width))).toEqual(Array.from(d.item.scaled.subarray(0, w.width)));
    const only = { ...d.item, width: 1, names: ['rating count'] };
    expect(withoutCount(only).width).toBe(1);
  });

  it('scales the target to [-1, 1] and back; the seed’s shortcut is exactly twice the error in stars', () => {
    const s = fitTargetScale(Float32Array.of(3, 1, 5, 2));
    expect(s).toEqual({ min: 1, max: 5 });
    expect(scaleTarget(1, s)).toBe(-1);
    expect(scaleTarget(5, s)).toBe(1);
    expect(scaleTarget(3, s)).toBe(0);
    for (const r of [1, 2.5, 4]) expect(unscaleTarget(scaleTarget(r, s), s)).toBeCloseTo(r, 6);
    const truth = Float32Array.of(1, 3, 4, 5);
    const pred = Float32Array.of(-0.8, 0.2, 0.1, 0.7);
    const mse = mean(Array.from(truth, (y, j) => (pred[j] - scaleTarget(y, s)) ** 2));
    const stars = errors(
      Float32Array.from(pred, (p) => unscaleTarget(p, s)),
      truth,
    ).rmse;
    expect(Math.sqrt(mse) * (s.max - s.min)).toBeCloseTo(2 * stars, 6);
    expect(Math.sqrt(mse) * ((s.max - s.min) / 2)).toBeCloseTo(stars, 6);
  });

  it('turns a genre profile into a user row: count, mean of the rated genres, the genre ratings', () => {
    expect(Array.from(profileRow({ genres: [5, 0, 0, 4] }, 6, true, 10, 3.5))).toEqual([10, 4.5, 5, 0, 0, 4]);
    expect(Array.from(profileRow({ genres: [0, 0, 0, 0] }, 6, true, 10, 3.5))).toEqual([10, 3.5, 0, 0, 0, 0]);
    expect(Array.from(profileRow({ genres: [3, 1], ratingCount: 2 }, 3, false, 10, null))).toEqual([
      2, 0.75, 0.25,
    ]);
  });
});

describe('two-tower cold start preparation', () => {
  const ds = rated();
  const d = towers(ds, { split: { kind: 'user-disjoint', testFraction: 0.25 }, revealed: 4 });
  const testUsers = new Set(d.test.user);

  it('holds out whole users, each described by their earliest ratings, which are neither trained on nor scored', () => {
    expect(testUsers.size).toBe(10);
    for (const u of d.train.user) expect(testUsers.has(u)).toBe(false);
    const revealed = d.revealed as PairSet;
    const x = ds.interactions;
    for (const u of testUsers) {
      const rows = Array.from(x.user.keys())
        .filter((r) => x.user[r] === u)
        .sort((a, b) => (x.timestamp as Float64Array)[a] - (x.timestamp as Float64Array)[b]);
      const earliest = rows.slice(0, 4).map((r) => x.item[r]);
      const shown = Array.from(revealed.item).filter((_, j) => revealed.user[j] === u);
      expect(shown.sort()).toEqual(earliest.sort());
      const scored = Array.from(d.test.item).filter((_, j) => d.test.user[j] === u);
      expect(scored.length).toBe(rows.length - 4);
      for (const i of scored) expect(earliest).not.toContain(i);
      // Their features come from the revealed ratings; the standardisation never saw them.
      expect(d.user.raw[u * d.user.width]).toBe(4);
      expect(d.userCounts[u]).toBe(0);
    }
    expect(d.view.notes.join(' ')).toMatch(/earliest 4 ratings/);
  });

  it('describes training users the same way, by their earliest ratings, and trains on the rest', () => {
    const x = ds.interactions;
    const time = x.timestamp as Float64Array;
    for (const u of [0, 1, 2, 3, 5, 8].filter((v) => !testUsers.has(v))) {
      const rows = Array.from(x.user.keys())
        .filter((r) => x.user[r] === u)
        .sort((a, b) => time[a] - time[b]);
      const earliest = rows.slice(0, 4);
      expect(d.user.raw[u * d.user.width]).toBe(4);
      const mean4 = earliest.reduce((a, r) => a + (x.rating as Float32Array)[r], 0) / 4;
      expect(d.user.raw[u * d.user.width + 1]).toBeCloseTo(mean4, 5);
      const trained = [d.train, d.validation as PairSet].flatMap((p) =>
        Array.from(p.item).filter((_, j) => p.user[j] === u),
      );
      expect(trained.sort()).toEqual(
        rows
          .slice(4)
          .map((r) => x.item[r])
          .sort(),
      );
    }
    expect(d.trainAll.user.length).toBe(d.train.user.length + (d.validation?.user.length ?? 0) + 4 * 30);
  });

  it('holds whole training users out for validation, as the test holds out users', () => {
    const held = new Set((d.validation as PairSet).user);
    expect(held.size).toBe(3);
    for (const u of d.train.user) expect(held.has(u)).toBe(false);
    for (const u of held) {
      expect(testUsers.has(u)).toBe(false);
      expect(d.userCounts[u]).toBe(0);
    }
    expect(d.view.notes.join(' ')).toMatch(/whole training users/);
  });

  it('gives the bias baseline a cold user’s bias from the revealed ratings alone', () => {
    const b = fitBiases(d.train, d.nUsers, d.nItems);
    const revealed = d.revealed as PairSet;
    const u = revealed.user[0];
    expect(b.user[u]).toBe(0);
    const withCold = withUserBiases(b, revealed, 15);
    const mine = Array.from(revealed.rating ?? []).map((r, j) =>
      revealed.user[j] === u ? r - b.mu - b.item[revealed.item[j]] : null,
    );
    const res = mine.filter((v): v is number => v !== null);
    expect(withCold.user[u]).toBeCloseTo(res.reduce((a, c) => a + c, 0) / (15 + res.length), 5);
  });
});

describe('rating baselines', () => {
  it('recover additive ratings exactly without regularisation, and shrink sparse biases with it', () => {
    const mu = 3;
    const bu = [0.5, -0.5, 0];
    const bi = [1, 0, -1];
    const user = Int32Array.of(0, 0, 1, 1, 2, 2, 0, 1);
    const item = Int32Array.of(0, 1, 1, 2, 0, 2, 2, 0);
    const rating = Float32Array.from(user, (u, j) => mu + bu[u] + bi[item[j]]);
    const pairs = { user, item, rating };
    const exact = fitBiases(pairs, 3, 3, { regUser: 0, regItem: 0, sweeps: 50 });
    expect(errors(predictBiases(exact, pairs, 1, 5), rating).rmse).toBeLessThan(1e-3);
    const one = { user: Int32Array.of(0, 1), item: Int32Array.of(0, 1), rating: Float32Array.of(5, 3) };
    const shrunk = fitBiases(one, 2, 2, { regUser: 1e9, regItem: 10, sweeps: 1 });
    expect(shrunk.mu).toBe(4);
    expect(shrunk.item[0]).toBeCloseTo(1 / 11, 6);
    expect(errors(Float32Array.of(4, 4), Float32Array.of(5, 3))).toEqual({ rmse: 1, mae: 1 });
  });
});
