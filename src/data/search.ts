/**
 * Typo-tolerant title search, for picking items by name (building a sequence by hand, say). Every word
 * of the query must match a word of the title: exactly, as its start, inside it, or within one or two
 * edits (transpositions count as one). Case and accents are ignored. Pure and small: a linear scan,
 * which takes a few milliseconds over MovieLens' thousands of titles.
 */

export interface TitleHit {
  item: number;
  /** 0-1, higher is closer. */
  score: number;
}

const normalise = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const words = (s: string): string[] => normalise(s).split(' ').filter(Boolean);

/** Optimal-string-alignment distance, or max + 1 once it is certain to exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** How well one query word matches one title word. */
function wordScore(q: string, t: string): number {
  if (q === t) return 1;
  if (t.startsWith(q)) return 0.9;
  if (q.length >= 3 && t.includes(q)) return 0.7;
  const allowed = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
  if (allowed === 0) return 0;
  // A typo in a word still being typed: compare with the title word's start as well as the whole word.
  const d = Math.min(editDistance(q, t, allowed), editDistance(q, t.slice(0, q.length), allowed));
  return d <= allowed ? 0.6 - 0.15 * d : 0;
}

/** Items whose titles match every word of `query`, best first (ties: shorter title, lower index). */
export function searchTitles(titles: readonly string[], query: string, limit: number): TitleHit[] {
  const q = words(query);
  if (q.length === 0) return [];
  const phrase = q.join(' ');
  const hits: (TitleHit & { length: number })[] = [];
  titles.forEach((title, item) => {
    const t = words(title);
    let total = 0;
    for (const w of q) {
      let best = 0;
      for (const tw of t) best = Math.max(best, wordScore(w, tw));
      if (best === 0) return;
      total += best;
    }
    let score = total / q.length;
    if (t.join(' ').startsWith(phrase)) score = Math.min(1, score + 0.1);
    hits.push({
      item,
      score: score * 0.95 + 0.05 * (q.length / Math.max(q.length, t.length)),
      length: t.length,
    });
  });
  hits.sort((a, b) => b.score - a.score || a.length - b.length || a.item - b.item);
  return hits.slice(0, Math.max(0, limit)).map(({ item, score }) => ({ item, score }));
}
