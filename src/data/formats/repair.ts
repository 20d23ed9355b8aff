/**
 * Some redistributed copies of ML-100k (including the one CI uses) were once decoded as UTF-8 and
 * saved again, which turned every Latin-1 letter of u.item into U+FFFD. The IMDb URL in the same
 * row still carries the original bytes percent-encoded ("%C1+k%F6ldum+klaka"), so titles can be
 * restored wherever the URL spells the same words. Titles the URL does not cover stay as they are.
 */

const REPLACEMENT = '\uFFFD';

function decodeLatin1Url(url: string): string | null {
  const q = url.indexOf('?');
  if (q === -1) return null;
  const part = url.slice(q + 1).replace(/\+/g, ' ');
  return part.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Fills the placeholders in `fragment` from `source`, or null when source does not contain it. */
function fillFrom(fragment: string, source: string): string | null {
  const pattern = fragment.split(REPLACEMENT).map(escapeRegExp).join('([\\u00a0-\\u00ff])');
  const m = new RegExp(pattern).exec(source);
  if (!m) return null;
  let k = 1;
  return fragment.replace(/\uFFFD/g, () => m[k++]);
}

/** Candidate fragments, longest first: the title, then without trailing "(...)" groups, then words. */
function fragments(title: string): string[] {
  const out = [title];
  let t = title;
  for (;;) {
    const shorter = t.replace(/\s*\([^()]*\)\s*$/, '');
    if (shorter === t || shorter === '') break;
    out.push(shorter);
    t = shorter;
  }
  for (const word of title.split(/[\s()]+/)) {
    if (word.includes(REPLACEMENT) && word.replaceAll(REPLACEMENT, '').length >= 2) out.push(word);
  }
  return out.filter((f) => f.includes(REPLACEMENT));
}

export function repairTitle(title: string, url: string): string {
  if (!title.includes(REPLACEMENT)) return title;
  const source = decodeLatin1Url(url);
  if (source === null) return title;
  let fixed = title;
  for (const frag of fragments(title)) {
    if (!fixed.includes(frag)) continue;
    const filled = fillFrom(frag, source);
    if (filled !== null) fixed = fixed.replace(frag, filled);
    if (!fixed.includes(REPLACEMENT)) break;
  }
  return fixed;
}
