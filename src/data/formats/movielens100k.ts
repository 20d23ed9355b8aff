import { IdIndex, type BuiltInteractions } from '../build';
import { assembleDataset } from '../dataset';
import { streamDelimited, type NamedBlob, type RowBatch } from '../parse/delimited';
import type { JobContext } from '../parse/progress';
import { SkipCollector } from '../parse/skips';
import { yearFromTitle } from '../parse/values';
import {
  fail,
  ok,
  type Dataset,
  type OfficialSplit,
  type Result,
  type SkipReport,
  type UserMeta,
} from '../types';
import { buildItemMeta, readKeyedTable, type ItemRecord } from './metadata';
import { repairTitle } from './repair';
import { isBlank, readRatingsTable, shapeProblem, type NeededColumn, type TableLayout } from './table';

export const ML100K_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

export const ML100K_SPLITS = ['ua', 'ub', 'u1', 'u2', 'u3', 'u4', 'u5'];

const TAB: TableLayout = { delimiter: '\t', encoding: 'utf-8', quotes: false, hasHeader: false };
const PIPE = (chunkSize?: number): TableLayout => ({
  delimiter: '|',
  encoding: 'auto',
  quotes: false,
  hasHeader: false,
  chunkSize,
});

/** Names for messages about a short row, in the order of the README's field lists. */
const named = (...names: string[]): NeededColumn[] => names.map((name, index) => ({ index, name }));

async function readGenres(file: NamedBlob, ctx: JobContext): Promise<Result<string[]>> {
  const got = await readKeyedTable<string>(file, PIPE(), named('genre name', 'genre index'), ctx, (row) => {
    const index = row[1].trim();
    if (!/^\d+$/.test(index)) return `genre index '${index}' is not a whole number`;
    return { id: index, value: row[0].trim() };
  });
  if (!got.ok) return got;
  const names: string[] = [];
  for (let k = 0; k < got.value.records.size; k++) {
    const name = got.value.records.get(String(k));
    if (name === undefined) return fail(`${file.name}: genre index ${k} is missing`);
    names.push(name);
  }
  if (names.length > 32) return fail(`${file.name}: lists ${names.length} genres; at most 32 are supported`);
  return ok(names);
}

function readItems(file: NamedBlob, genres: string[], ctx: JobContext, chunkSize?: number) {
  // The video release date (column 4) is never read, so a row may leave it out.
  const needed = [
    ...named('movie id', 'title', 'release date'),
    { index: 4, name: 'IMDb URL' },
    ...genres.map((g, k) => ({ index: 5 + k, name: `${g} genre flag` })),
  ];
  return readKeyedTable<ItemRecord>(file, PIPE(chunkSize), needed, ctx, (row) => {
    const id = row[0].trim();
    if (id === '') return 'item id is empty';
    const title = repairTitle(row[1].trim(), row[4]);
    const names: string[] = [];
    for (let g = 0; g < genres.length; g++) {
      const flag = row[5 + g].trim();
      if (flag === '1') names.push(genres[g]);
      else if (flag !== '0') return `genre flag '${flag}' in column ${6 + g} is not 0 or 1`;
    }
    const year = yearFromTitle(title) || yearFromTitle(`(${row[2].trim().slice(-4)})`);
    return { id, value: { title, genres: names, year } };
  });
}

interface UserRecord {
  age: number;
  gender: string;
  occupation: string;
  zip: string;
}

function readUsers(file: NamedBlob, ctx: JobContext) {
  return readKeyedTable<UserRecord>(
    file,
    PIPE(),
    named('user id', 'age', 'gender', 'occupation', 'zip code'),
    ctx,
    (row) => {
      const id = row[0].trim();
      if (id === '') return 'user id is empty';
      const ageText = row[1].trim();
      const age = Number(ageText);
      if (!/^\d+$/.test(ageText) || age > 150) return `age '${ageText}' is not a whole number of years`;
      const gender = row[2].trim();
      return { id, value: { age, gender, occupation: row[3].trim(), zip: row[4].trim() } };
    },
  );
}

export function userMetaFor(userIds: readonly string[], records: Map<string, UserRecord>): UserMeta {
  const meta: UserMeta = { age: new Int16Array(userIds.length), gender: [], occupation: [], zip: [] };
  userIds.forEach((id, u) => {
    const r = records.get(id);
    meta.age[u] = r?.age ?? 0;
    meta.gender.push(r?.gender ?? '');
    meta.occupation.push(r?.occupation ?? '');
    meta.zip.push(r?.zip ?? '');
  });
  return meta;
}

/** Row of u.data for a (user, item) pair: a dense table when it is small, else a Map. */
interface PairIndex {
  get(user: number, item: number): number | undefined;
}

const DENSE_PAIR_LIMIT = 1 << 24;

function pairIndex(built: BuiltInteractions): PairIndex {
  const { user, item } = built.interactions;
  const nItems = built.itemIds.length;
  const cells = built.userIds.length * nItems;
  if (cells <= DENSE_PAIR_LIMIT) {
    const table = new Int32Array(cells).fill(-1);
    for (let r = user.length - 1; r >= 0; r--) table[user[r] * nItems + item[r]] = r;
    return { get: (u, i) => (table[u * nItems + i] >= 0 ? table[u * nItems + i] : undefined) };
  }
  const map = new Map<number, number>();
  for (let r = user.length - 1; r >= 0; r--) map.set(user[r] * nItems + item[r], r);
  return { get: (u, i) => map.get(u * nItems + i) };
}

/** Maps each (user, item) row of a split's test file to its row in u.data. */
async function readSplit(
  name: string,
  file: NamedBlob,
  built: BuiltInteractions,
  rowOf: PairIndex,
  ctx: JobContext,
): Promise<Result<{ split: OfficialSplit; skips: SkipReport }>> {
  const users = IdIndex.from(built.userIds);
  const items = IdIndex.from(built.itemIds);
  const skips = new SkipCollector(file.name, file.name);
  const rows: number[] = [];
  const taken = new Uint8Array(built.interactions.user.length);
  const needed = named('user id', 'item id');
  const match = (row: string[]): string | null => {
    const shape = shapeProblem(row, TAB.delimiter, needed, null);
    if (shape !== null) return shape;
    const uid = row[0].trim();
    const iid = row[1].trim();
    const u = users.find(uid);
    const i = items.find(iid);
    const r = u === undefined || i === undefined ? undefined : rowOf.get(u, i);
    if (r === undefined) return `user ${uid}, item ${iid} is not a rating in u.data`;
    if (taken[r] === 1) return `user ${uid}, item ${iid} is listed twice`;
    taken[r] = 1;
    rows.push(r);
    return null;
  };
  const sink = ({ rows: batch, first }: RowBatch): string | null => {
    for (let k = 0; k < batch.length; k++) {
      if (isBlank(batch[k])) continue;
      const problem = match(batch[k]);
      if (problem === null) {
        skips.good();
        continue;
      }
      skips.bad(first + k, problem);
    }
    return null;
  };
  const streamed = await streamDelimited(file, TAB, ctx, sink);
  if (!streamed.ok) return streamed;
  const broken = skips.finalFailure();
  if (broken !== null) return fail(broken);
  const testRows = Int32Array.from(rows).sort();
  return ok({ split: { name, testRows }, skips: skips.report() });
}

async function readSplits(files: Map<string, NamedBlob>, built: BuiltInteractions, ctx: JobContext) {
  const present = ML100K_SPLITS.filter((s) => files.has(`${s}.test`));
  if (present.length === 0) return ok({ splits: [] as OfficialSplit[], skips: [] as SkipReport[] });
  const rowOf = pairIndex(built);
  const splits: OfficialSplit[] = [];
  const skips: SkipReport[] = [];
  for (const name of present) {
    const got = await readSplit(name, files.get(`${name}.test`) as NamedBlob, built, rowOf, ctx);
    if (!got.ok) return got;
    splits.push(got.value.split);
    skips.push(got.value.skips);
  }
  return ok({ splits, skips });
}

/**
 * ML-100k from its files, keyed by lower-case base name: u.data is required; u.item, u.user,
 * u.genre and the ua/ub/u1..u5 test files are used when present.
 */
export async function loadMovielens100k(
  files: Map<string, NamedBlob>,
  ctx: JobContext,
  chunkSize?: number,
): Promise<Result<Dataset>> {
  const data = files.get('u.data');
  if (data === undefined) return fail('u.data (the ratings) is missing');
  const table = await readRatingsTable(
    data,
    {
      ...TAB,
      chunkSize,
      user: 0,
      item: 1,
      rating: 2,
      timestamp: 3,
      ratingRange: { min: 1, max: 5 },
    },
    ctx,
  );
  if (!table.ok) return table;
  const { built } = table.value;
  const skips: SkipReport[] = [table.value.skips.report()];

  const genreFile = files.get('u.genre');
  const genres = genreFile ? await readGenres(genreFile, ctx) : ok(ML100K_GENRES);
  if (!genres.ok) return genres;
  const itemFile = files.get('u.item');
  const items = itemFile ? await readItems(itemFile, genres.value, ctx, chunkSize) : null;
  if (items && !items.ok) return items;
  const userFile = files.get('u.user');
  const users = userFile ? await readUsers(userFile, ctx) : null;
  if (users && !users.ok) return users;
  const splits = await readSplits(files, built, ctx);
  if (!splits.ok) return splits;

  if (items) skips.push(items.value.skips.report());
  if (users) skips.push(users.value.skips.report());
  return ok(
    assembleDataset({
      id: 'ml-100k',
      name: 'MovieLens 100K',
      kind: 'movielens-100k',
      built,
      items: items ? buildItemMeta(built.itemIds, items.value.records, genres.value) : null,
      users: users ? userMetaFor(built.userIds, users.value.records) : null,
      officialSplits: splits.value.splits,
      skips: [...skips, ...splits.value.skips],
      notices: table.value.notices,
    }),
  );
}
