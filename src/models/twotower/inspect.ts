/**
 * Reading a trained two-tower run for the panel: feature table pages, a genre profile's top movies (the
 * seed's new user) and an existing user's predictions beside their ratings (the seed's
 * print_existing_user). The worker answers its calls with these.
 */
import type { Dataset } from '../../data/types';
import { topItems } from '../../metrics/ranking';
import type { TowerData } from './data';
import { profileRow, type GenreProfile } from './features';
import type { TwoTowerModel } from './model';
import type { FeaturePage, ProfileAnswer, TowerInfo, TowerItem, UserTable, UserRatingRow } from './views';

export function towerItem(ds: Dataset, item: number): TowerItem {
  const meta = ds.items;
  const genres = meta ? meta.genreNames.filter((_, g) => meta.genreMask[item] & (1 << g)) : [];
  return { item, id: ds.itemIds[item], title: meta?.title[item] || null, genres };
}

export const MAX_PAGE = 200;

export function featurePage(
  data: TowerData,
  side: 'users' | 'items',
  offset: number,
  limit: number,
): FeaturePage {
  const t = side === 'users' ? data.user : data.item;
  const from = Math.max(0, Math.min(t.n, Math.floor(offset)));
  const to = Math.min(t.n, from + Math.max(0, Math.min(MAX_PAGE, Math.floor(limit))));
  const rows = [];
  for (let r = from; r < to; r++) {
    const o = r * t.width;
    rows.push({
      index: r,
      id: side === 'users' ? data.ds.userIds[r] : data.ds.itemIds[r],
      label: side === 'items' ? (data.ds.items?.title[r] ?? null) : null,
      raw: Array.from(t.raw.subarray(o, o + t.width)),
      scaled: Array.from(t.scaled.subarray(o, o + t.width)),
    });
  }
  return {
    side,
    columns: t.names,
    mean: Array.from(t.stats.mean),
    std: Array.from(t.stats.std),
    total: t.n,
    offset: from,
    rows,
  };
}

export function towerInfo(model: TwoTowerModel, data: TowerData): TowerInfo {
  const reads = model.user.readsFeatures;
  return {
    genres: data.ds.items?.genreNames ?? [],
    profiles: reads,
    reason: reads
      ? null
      : 'This model knows users only by their id, so a new user described by genres cannot be placed: train the feature or hybrid towers.',
    defaultRatingCount: data.prep.revealed,
    ratingScale: data.scale,
    scoreKind: model.scoreKind,
  };
}

/** A new user's top k movies from a genre profile: the user tower runs once against cached item vectors. */
export async function scoreProfile(
  model: TwoTowerModel,
  data: TowerData,
  profile: GenreProfile,
  k: number,
): Promise<ProfileAnswer> {
  const t0 = performance.now();
  const row = profileRow(profile, data.user.width, data.scale !== null, data.prep.revealed, data.globalMean);
  const scores = await model.scoreFeatures(row);
  const top = topItems(scores, 0, data.nItems, Math.max(1, Math.min(100, Math.round(k))), () => false);
  const millis = performance.now() - t0;
  return {
    items: top.map((i) => ({
      ...towerItem(data.ds, i),
      score: scores[i],
      stars: model.scoreKind === 'rating' ? scores[i] : null,
    })),
    millis,
  };
}

/** Every movie a user rated, on whichever side of the split, with the model's prediction; best predicted first. */
export async function userTable(model: TwoTowerModel, data: TowerData, user: number): Promise<UserTable> {
  const scores = await model.scoreUsers(Int32Array.of(user));
  const rows: UserRatingRow[] = [];
  let se = 0;
  let nTest = 0;
  const sides = [
    ['train', data.train],
    ['validation', data.validation],
    ['test', data.test],
    ['revealed', data.revealed],
  ] as const;
  for (const [side, set] of sides) {
    if (!set?.rating) continue;
    for (let j = 0; j < set.user.length; j++) {
      if (set.user[j] !== user) continue;
      const predicted = scores[set.item[j]];
      const actual = set.rating[j];
      rows.push({ ...towerItem(data.ds, set.item[j]), predicted, actual, error: predicted - actual, side });
      if (side === 'test') {
        se += (predicted - actual) ** 2;
        nTest++;
      }
    }
  }
  rows.sort((a, b) => b.predicted - a.predicted || a.item - b.item);
  const avgAt = data.user.names.indexOf('average rating');
  return {
    userId: data.ds.userIds[user],
    ratingCount: data.user.raw[user * data.user.width],
    average: avgAt >= 0 ? data.user.raw[user * data.user.width + avgAt] : null,
    rows,
    testRmse: nTest > 0 ? Math.sqrt(se / nTest) : null,
  };
}
