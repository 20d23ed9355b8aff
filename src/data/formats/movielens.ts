/** MovieLens 1M/10M ('::'-separated .dat files) and latest/25M/32M (ratings.csv, movies.csv). */
import { assembleDataset } from '../dataset';
import type { NamedBlob } from '../parse/delimited';
import type { JobContext } from '../parse/progress';
import { fail, ok, type Dataset, type Result, type SkipReport } from '../types';
import { loadItemMetadataFile } from './generic';
import { buildItemMeta, readItemMetadata, readKeyedTable } from './metadata';
import { userMetaFor } from './movielens100k';
import { readRatingsTable, type TableLayout } from './table';

const DAT = (chunkSize?: number): TableLayout => ({
  delimiter: '::',
  encoding: 'auto',
  quotes: false,
  hasHeader: false,
  chunkSize,
});

/** users.dat's fields, in the order of ML-1M's README. */
const USER_FIELDS = ['user id', 'gender', 'age', 'occupation', 'zip code'].map((name, index) => ({
  index,
  name,
}));

/** ML-1M's users.dat codes occupations by number (its README lists them). */
const ML1M_OCCUPATIONS = [
  'other',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
];

/** ML-10M has about ten times ML-1M's million ratings. */
const TEN_M_ROWS = 3_000_000;

function readDatUsers(file: NamedBlob, ctx: JobContext, chunkSize?: number) {
  return readKeyedTable(file, DAT(chunkSize), USER_FIELDS, ctx, (row) => {
    const id = row[0].trim();
    const age = Number(row[2].trim());
    const occ = Number(row[3].trim());
    if (id === '') return 'user id is empty';
    if (!Number.isInteger(age) || age < 0 || age > 150) return `age '${row[2].trim()}' is not a whole number`;
    const occupation = ML1M_OCCUPATIONS[occ] ?? row[3].trim();
    return { id, value: { age, gender: row[1].trim(), occupation, zip: row[4].trim() } };
  });
}

export async function loadMovielensDat(
  files: Map<string, NamedBlob>,
  ctx: JobContext,
  chunkSize?: number,
): Promise<Result<Dataset>> {
  const ratings = files.get('ratings.dat');
  if (ratings === undefined) return fail('ratings.dat is missing');
  const spec = {
    ...DAT(chunkSize),
    user: 0,
    item: 1,
    rating: 2,
    timestamp: 3,
    ratingRange: { min: 0.5, max: 5 },
  };
  const table = await readRatingsTable(ratings, spec, ctx);
  if (!table.ok) return table;
  const { built } = table.value;
  const skips: SkipReport[] = [table.value.skips.report()];
  const movies = files.get('movies.dat');
  const meta = movies
    ? await readItemMetadata(
        movies,
        { ...DAT(chunkSize), id: 0, title: 1, genres: 2, genreSeparator: '|' },
        ctx,
      )
    : null;
  if (meta && !meta.ok) return meta;
  const usersFile = files.get('users.dat');
  const users = usersFile ? await readDatUsers(usersFile, ctx, chunkSize) : null;
  if (users && !users.ok) return users;
  if (meta) skips.push(meta.value.skips.report());
  if (users) skips.push(users.value.skips.report());
  const big = built.interactions.user.length > TEN_M_ROWS;
  return ok(
    assembleDataset({
      id: big ? 'ml-10m' : 'ml-1m',
      name: big ? 'MovieLens 10M' : 'MovieLens 1M',
      kind: 'movielens-1m',
      built,
      items: meta ? buildItemMeta(built.itemIds, meta.value.records) : null,
      users: users ? userMetaFor(built.userIds, users.value.records) : null,
      skips,
      notices: table.value.notices,
    }),
  );
}

/** ML-latest/25M/32M: ratings.csv (header userId,movieId,rating,timestamp) and optional movies.csv. */
export async function loadMovielensLatest(
  ratings: NamedBlob,
  movies: NamedBlob | null,
  ctx: JobContext,
  chunkSize?: number,
): Promise<Result<Dataset>> {
  const layout: TableLayout = {
    delimiter: ',',
    // Decided from the bytes: read as strict UTF-8, distinct Latin-1 ids merged through U+FFFD.
    encoding: 'auto',
    quotes: true,
    hasHeader: true,
    chunkSize,
  };
  const spec = { ...layout, user: 0, item: 1, rating: 2, timestamp: 3, ratingRange: { min: 0.5, max: 5 } };
  const table = await readRatingsTable(ratings, spec, ctx);
  if (!table.ok) return table;
  const { built } = table.value;
  const meta = movies ? await loadItemMetadataFile(movies, built.itemIds, ctx, chunkSize) : null;
  if (meta && !meta.ok) return meta;
  return ok(
    assembleDataset({
      id: 'ml-latest',
      name: 'MovieLens (ratings.csv)',
      kind: 'movielens-latest',
      built,
      items: meta ? meta.value.items : null,
      skips: meta ? [table.value.skips.report(), meta.value.skips] : [table.value.skips.report()],
      notices: table.value.notices,
    }),
  );
}
