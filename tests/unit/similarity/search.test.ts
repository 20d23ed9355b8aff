/** Title search: exact words, prefixes, typos within an allowance that grows with the word, any order. */
import { describe, expect, it } from 'vitest';
import { createTitleIndex, editDistance, searchTitles } from '../../../src/similarity/search';

const titles = [
  'Toy Story (1995)',
  'Star Wars (1977)',
  'Empire Strikes Back, The (1980)',
  'Return of the Jedi (1983)',
  'Star Trek: First Contact (1996)',
  'Godfather, The (1972)',
  'Godfather: Part II, The (1974)',
  'Cat People (1982)',
  'Car Wash (1976)',
  'Amélie (2001)',
  'Stewart Little (1999)',
  'Heat (1995)',
  'Heat (1986)',
];
const index = createTitleIndex(titles);
const first = (q: string) => searchTitles(index, q)[0]?.title;
const all = (q: string) => searchTitles(index, q).map((h) => h.title);

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbouring letters', () => {
    expect(editDistance('wars', 'wars', 2)).toBe(0);
    expect(editDistance('wras', 'wars', 2)).toBe(1);
    expect(editDistance('wrs', 'wars', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('title search', () => {
  it('finds titles by words, in any order, case and accents folded', () => {
    expect(first('star wars')).toBe('Star Wars (1977)');
    expect(first('STAR WARS 1977')).toBe('Star Wars (1977)');
    expect(first('the empire strikes back')).toBe('Empire Strikes Back, The (1980)');
    expect(first('amelie')).toBe('Amélie (2001)');
    expect(first('jedi return')).toBe('Return of the Jedi (1983)');
  });

  it('forgives typos', () => {
    expect(first('star wras')).toBe('Star Wars (1977)');
    expect(first('toy stroy')).toBe('Toy Story (1995)');
    expect(first('godfater')).toBe('Godfather, The (1972)');
    expect(first('empir strikes')).toBe('Empire Strikes Back, The (1980)');
    expect(first('starwars')).toBe('Star Wars (1977)');
  });

  it('matches a word still being typed', () => {
    expect(first('star t')).toBe('Star Trek: First Contact (1996)');
    expect(first('godf')).toBe('Godfather, The (1972)');
    expect(first('retrun of the je')).toBe('Return of the Jedi (1983)');
  });

  it('allows no typo in short words, and finds nothing for nonsense', () => {
    expect(all('cat')).toEqual(['Cat People (1982)']);
    expect(all('xyzzy')).toEqual([]);
    expect(all('  ')).toEqual([]);
  });

  it('ranks exact words above typos and partial words, then by the boost', () => {
    const hits = all('star');
    expect(hits.slice(0, 2).sort()).toEqual(['Star Trek: First Contact (1996)', 'Star Wars (1977)']);
    expect(hits).not.toContain('Stewart Little (1999)');
    expect(all('heat')).toEqual(['Heat (1995)', 'Heat (1986)']);
    const boost = titles.map((t) => (t === 'Heat (1986)' ? 100 : 1));
    expect(searchTitles(index, 'heat', 5, boost).map((h) => h.title)).toEqual(['Heat (1986)', 'Heat (1995)']);
    expect(all('godfather')[0]).toBe('Godfather, The (1972)');
  });
});
