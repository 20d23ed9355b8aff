/**
 * Title search that forgives typos. Titles and queries are folded (case, accents, punctuation) into
 * words; every word of the query must match a word of the title exactly, as its start, or within a
 * few edits (a swap of neighbouring letters counts as one), the allowance growing with the word's length.
 * Word order does not matter, so "empire strikes back" finds "Empire Strikes Back, The (1980)".
 */

export interface TitleIndex {
  titles: string[];
  words: string[][];
  /** The folded title without spaces. */
  compact: string[];
}

export interface TitleHit {
  item: number;
  title: string;
  score: number;
}

export function foldWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function createTitleIndex(titles: string[]): TitleIndex {
  const words = titles.map(foldWords);
  return { titles, words, compact: words.map((w) => w.join('')) };
}

/** Edits a query word of this length may take and still match. */
function allowance(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

/**
 * Optimal string alignment distance (Levenshtein plus swaps of neighbouring letters), or max + 1 as soon
 * as it must exceed max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}

/** How well one query word matches a title's words: 1 exact, 0.8 a prefix, less with typos, 0 none. */
function wordScore(q: string, words: string[]): number {
  const max = allowance(q.length);
  let best = 0;
  for (const w of words) {
    if (w === q) return 1;
    if (w.startsWith(q)) best = Math.max(best, 0.8);
    else if (max > 0) {
      const d = editDistance(q, w, max);
      if (d <= max) best = Math.max(best, 0.7 - 0.15 * d);
      // A word still being typed, with a typo in it.
      else if (w.length > q.length && editDistance(q, w.slice(0, q.length), max) <= max)
        best = Math.max(best, 0.4);
    }
  }
  return best;
}

/**
 * The titles matching a query, best first; ties go to the higher `boost` (say, popularity), then to the
 * lower index.
 */
export function searchTitles(
  index: TitleIndex,
  query: string,
  limit = 20,
  boost?: ArrayLike<number>,
): TitleHit[] {
  const q = foldWords(query);
  if (q.length === 0) return [];
  const compactQuery = q.join('');
  const hits: TitleHit[] = [];
  for (let i = 0; i < index.titles.length; i++) {
    const words = index.words[i];
    let score = 0;
    for (const w of q) {
      const s = wordScore(w, words);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s / q.length;
    }
    // Words run together ("starwars") or split ("star wars" for "Starwars") still find the title.
    if (compactQuery.length >= 4 && index.compact[i].includes(compactQuery)) score = Math.max(score, 0.9);
    if (score === 0) continue;
    // Of equal matches, the title with fewer other words is the likelier one.
    hits.push({ item: i, title: index.titles[i], score: score - 0.01 * words.length });
  }
  hits.sort((a, b) => b.score - a.score || (boost ? boost[b.item] - boost[a.item] : 0) || a.item - b.item);
  return hits.slice(0, limit);
}
