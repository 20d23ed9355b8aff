/** Recognising columns by their header names and by their contents. */
import { looksLikeTime, parseNumber } from './values';

export type Role = 'user' | 'item' | 'rating' | 'timestamp' | 'title' | 'genres';

const NAMES: Record<Role, string[]> = {
  user: [
    'user',
    'userid',
    'users',
    'uid',
    'customer',
    'customerid',
    'client',
    'clientid',
    'member',
    'memberid',
    'visitor',
    'visitorid',
    'reviewer',
    'reviewerid',
    'person',
    'personid',
    'account',
    'accountid',
  ],
  item: [
    'item',
    'itemid',
    'items',
    'iid',
    'movie',
    'movieid',
    'product',
    'productid',
    'asin',
    'content',
    'contentid',
    'article',
    'articleid',
    'track',
    'trackid',
    'song',
    'songid',
    'book',
    'bookid',
    'isbn',
    'video',
    'videoid',
    'game',
    'gameid',
    'recipe',
    'recipeid',
    'course',
    'courseid',
    'anime',
    'animeid',
  ],
  rating: ['rating', 'ratings', 'score', 'stars', 'star', 'rate', 'value', 'preference', 'grade', 'label'],
  timestamp: [
    'timestamp',
    'time',
    'ts',
    'date',
    'datetime',
    'created',
    'createdat',
    'when',
    'epoch',
    'unixtime',
  ],
  title: ['title', 'name', 'movietitle', 'itemname', 'productname', 'itemtitle'],
  genres: ['genres', 'genre', 'category', 'categories', 'tags', 'type', 'types'],
};

export const normaliseName = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function roleOf(name: string, roles: readonly Role[]): Role | null {
  const n = normaliseName(name);
  for (const role of roles) if (NAMES[role].includes(n)) return role;
  return null;
}

/** Index of the first header cell naming `role` (the metadata id column also answers to "id"). */
export function findColumn(header: readonly string[], role: Role, extra: string[] = []): number | null {
  const names = [...NAMES[role], ...extra];
  const k = header.findIndex((h) => names.includes(normaliseName(h)));
  return k === -1 ? null : k;
}

export function isNumeric(s: string): boolean {
  return parseNumber(s, ',') !== null;
}

/** Share of the rows whose cell in column j satisfies test (rows without that column do not count). */
export function share(rows: readonly string[][], j: number, test: (s: string) => boolean): number {
  let yes = 0;
  let n = 0;
  for (const r of rows) {
    if (j >= r.length || r[j].trim() === '') continue;
    n++;
    if (test(r[j].trim())) yes++;
  }
  return n === 0 ? 0 : yes / n;
}

/**
 * Small numeric range with few distinct values: a rating scale, not an id or a time. A few
 * unreadable cells do not disqualify a column; the load reports them as skipped rows.
 */
export function looksLikeRating(rows: readonly string[][], j: number): boolean {
  if (share(rows, j, isNumeric) < 0.9) return false;
  const values = new Set<number>();
  for (const r of rows) {
    const v = j < r.length ? parseNumber(r[j], ',') : null;
    if (v === null) continue;
    if (v < -100 || v > 100) return false;
    values.add(v);
  }
  return values.size > 0 && values.size <= 21;
}

export function looksLikeTimeColumn(rows: readonly string[][], j: number): boolean {
  return share(rows, j, looksLikeTime) >= 0.9;
}
