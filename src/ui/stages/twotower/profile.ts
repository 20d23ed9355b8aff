/**
 * Seed 003's new user as slider values for whatever genres the loaded data has. The seed names 14 genres
 * its own way ("SciFi", "Children"); MovieLens writes "Sci-Fi" and "Children's", so names are compared
 * by their letters alone, a final s dropped.
 */

/** The seed's example profile: 0-5 per genre, 0 for "never watches it". */
export const SEED_PROFILE: Readonly<Record<string, number>> = {
  Action: 5,
  Adventure: 5,
  Animation: 0,
  Children: 0,
  Comedy: 0,
  Crime: 3,
  Documentary: 0,
  Drama: 0,
  Fantasy: 5,
  Horror: 0,
  Mystery: 4,
  Romance: 0,
  SciFi: 5,
  Thriller: 4,
};

const key = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/s$/, '');

const SEED_BY_KEY = new Map(Object.entries(SEED_PROFILE).map(([g, v]) => [key(g), v]));

/** The seed's value for each genre, in the order given; a genre the seed does not name gets 0. */
export function seedProfile(genres: readonly string[]): number[] {
  return genres.map((g) => SEED_BY_KEY.get(key(g)) ?? 0);
}

/** Slider values as the sentence the panel prints: "Action 5, Sci-Fi 5, Crime 3". */
export function describeProfile(genres: readonly string[], values: readonly number[]): string {
  const rated = genres
    .map((g, k) => ({ g, v: values[k] ?? 0 }))
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v);
  return rated.length ? rated.map((x) => `${x.g} ${x.v}`).join(', ') : 'every genre at 0';
}
