import { describe, expect, it } from 'vitest';
import { computeStats, previewRows, type Dataset } from '../../../src/data';

function tiny(): Dataset {
  return {
    id: 't',
    name: 'tiny',
    kind: 'upload',
    nUsers: 4,
    nItems: 3,
    userIds: ['a', 'b', 'c', 'd'],
    itemIds: ['x', 'y', 'z'],
    interactions: {
      user: Int32Array.from([0, 0, 1, 2, 2]),
      item: Int32Array.from([0, 1, 0, 0, 1]),
      rating: Float32Array.from([5, 3, 4, 4, 1]),
      timestamp: Float64Array.from([100, 50, 3600, 86400, 200]),
    },
    ratingScale: { min: 1, max: 5 },
    items: {
      title: ['X (1999)', 'Y', 'Z'],
      genreNames: ['Drama', 'Comedy'],
      genreMask: Uint32Array.from([3, 2, 1]),
      year: Int16Array.from([1999, 0, 0]),
    },
    users: null,
    officialSplits: [],
    skipped: { count: 2, examples: ['row 3: x', 'row 9: y'] },
    notices: [],
  };
}

describe('computeStats', () => {
  it('counts users and items that have ratings, and summarises them', () => {
    const s = computeStats(tiny());
    expect(s).toMatchObject({ users: 3, items: 2, ratings: 5, skippedRows: 2 });
    expect(s.density).toBeCloseTo(5 / 6, 12);
    expect(s.ratingHistogram).toEqual([
      { value: 1, count: 1 },
      { value: 3, count: 1 },
      { value: 4, count: 2 },
      { value: 5, count: 1 },
    ]);
    expect(s.ratingMean).toBeCloseTo(3.4, 6);
    expect(s.itemPopularity).toEqual([
      { rank: 1, count: 3 },
      { rank: 2, count: 2 },
    ]);
    expect(s.ratingsPerUser).toEqual([
      { from: 1, to: 2, users: 1 },
      { from: 2, to: 4, users: 2 },
    ]);
    expect(s.timeSpan).toEqual({ first: 50, last: 86400 });
    // Only rated items count: z (Drama) has no ratings.
    expect(s.genres).toEqual([
      { name: 'Drama', items: 1 },
      { name: 'Comedy', items: 2 },
    ]);
  });

  it('has empty rating statistics for implicit data', () => {
    const ds = tiny();
    ds.interactions.rating = null;
    ds.interactions.timestamp = null;
    const s = computeStats(ds);
    expect(s.ratingHistogram).toEqual([]);
    expect(s.ratingMean).toBeNull();
    expect(s.timeSpan).toBeNull();
  });

  it('downsamples the long tail to 200 points, keeping the head and the tail', () => {
    const n = 1000;
    const counts = Array.from({ length: n }, (_, i) => i + 1);
    const item = Int32Array.from(counts.flatMap((c, i) => new Array<number>(c).fill(i)));
    const ds: Dataset = {
      ...tiny(),
      nItems: n,
      items: null,
      interactions: { user: new Int32Array(item.length), item, rating: null, timestamp: null },
    };
    const pop = computeStats(ds).itemPopularity;
    expect(pop).toHaveLength(200);
    expect(pop[0]).toEqual({ rank: 1, count: 1000 });
    expect(pop[199]).toEqual({ rank: 1000, count: 1 });
    for (let k = 1; k < pop.length; k++) expect(pop[k].count).toBeLessThanOrEqual(pop[k - 1].count);
  });

  it('bins continuous scores instead of listing every value', () => {
    const rating = Float32Array.from({ length: 1000 }, (_, k) => k / 10);
    const ds: Dataset = {
      ...tiny(),
      interactions: { user: new Int32Array(1000), item: new Int32Array(1000), rating, timestamp: null },
    };
    const h = computeStats(ds).ratingHistogram;
    expect(h).toHaveLength(20);
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(1000);
    expect(h[0].value).toBeCloseTo(99.9 / 40, 4);
  });
});

describe('previewRows', () => {
  it('shows ids, titles, genres, ratings and UTC times', () => {
    expect(previewRows(tiny(), 2, 2)).toEqual([
      {
        index: 2,
        user: 'b',
        item: 'x',
        title: 'X (1999)',
        genres: ['Drama', 'Comedy'],
        rating: 4,
        time: '1970-01-01T01:00:00Z',
      },
      {
        index: 3,
        user: 'c',
        item: 'x',
        title: 'X (1999)',
        genres: ['Drama', 'Comedy'],
        rating: 4,
        time: '1970-01-02T00:00:00Z',
      },
    ]);
    expect(previewRows(tiny(), 10, 4)).toHaveLength(1);
    expect(previewRows({ ...tiny(), items: null }, 1)[0]).toEqual({
      index: 0,
      user: 'a',
      item: 'x',
      rating: 5,
      time: '1970-01-01T00:01:40Z',
    });
  });
});
