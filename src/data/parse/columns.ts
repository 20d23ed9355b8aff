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

const MAX_SCALE = 100;
const MAX_SCALE_VALUES = 21;

/** A cell for a message: numbers as numbers (149.50 -> 149.5), text cut short. */
function shown(cell: string): string {
  const v = parseNumber(cell, ',');
  if (v !== null) return String(v);
  return cell.length > 20 ? `${cell.slice(0, 19)}…` : cell;
}

/**
 * What a column holds, in words, for a user deciding whether to use it: "values like 12.99, 149.5
 * — not a rating scale: 87 distinct values". Null when the column is empty in every row.
 */
export function describeColumn(rows: readonly string[][], j: number): string | null {
  const cells: string[] = [];
  for (const r of rows) if (j < r.length && r[j].trim() !== '') cells.push(r[j].trim());
  if (cells.length === 0) return null;
  const examples = [...new Set(cells.slice(0, 50).map(shown))].slice(0, 2).join(', ');
  const like = `values like ${examples}`;
  if (share(rows, j, looksLikeTime) >= 0.9) return `${like} — times`;
  if (share(rows, j, isNumeric) < 0.9) return `${like} — text`;
  const values = new Set<number>();
  let widest = 0;
  for (const c of cells) {
    const v = parseNumber(c, ',');
    if (v === null) continue;
    values.add(v);
    if (Math.abs(v) > Math.abs(widest)) widest = v;
  }
  if (values.size > MAX_SCALE_VALUES) return `${like} — not a rating scale: ${values.size} distinct values`;
  if (Math.abs(widest) > MAX_SCALE) return `${like} — not a rating scale: values up to ${widest}`;
  return `${like} — could be a rating scale (${values.size} distinct values)`;
}

/**
 * "columns used: 1 user, 2 item, 4 timestamp; ignored: 3 (values like 12.99, 149.5 — not a
 * rating scale: 87 distinct values)", or null when no column with content is left out.
 */
export function describeColumnUse(
  roles: Partial<Record<'user' | 'item' | 'rating' | 'timestamp', number | null>>,
  header: readonly string[] | null,
  rows: readonly string[][],
): string | null {
  const name = (j: number): string => {
    const h = header?.[j]?.trim();
    return h ? `${j + 1} '${h}'` : `${j + 1}`;
  };
  const used = new Map<number, string>();
  for (const [role, j] of Object.entries(roles)) if (j !== null && j !== undefined) used.set(j, role);
  const width = Math.max(header?.length ?? 0, ...rows.map((r) => r.length));
  const ignored: string[] = [];
  for (let j = 0; j < width; j++) {
    if (used.has(j)) continue;
    const what = describeColumn(rows, j);
    if (what !== null) ignored.push(`${name(j)} (${what})`);
  }
  if (ignored.length === 0) return null;
  const usedText = [...used]
    .sort((a, b) => a[0] - b[0])
    .map(([j, role]) => `${name(j)} ${role}`)
    .join(', ');
  return `columns used: ${usedText}; ignored: ${ignored.join(', ')}`;
}
