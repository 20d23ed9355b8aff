/**
 * The panel's pure helpers: seed 003's example profile read onto MovieLens' genre names (the seed writes
 * "SciFi" and "Children"), the profile as a sentence, and the two-tower-against-biases verdict.
 */
import { describe, expect, it } from 'vitest';
import { describeProfile, seedProfile } from '../../../src/ui/stages/twotower/profile';
import { versus } from '../../../src/ui/stages/twotower/figures';

const ML_100K = [
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

describe('seed profile', () => {
  it('gives MovieLens genres the seed’s values, 0 for the genres the seed does not name', () => {
    const v = seedProfile(ML_100K);
    const at = (g: string) => v[ML_100K.indexOf(g)];
    expect(v).toHaveLength(19);
    expect([at('Action'), at('Adventure'), at('Fantasy'), at('Sci-Fi')]).toEqual([5, 5, 5, 5]);
    expect([at('Mystery'), at('Thriller'), at('Crime')]).toEqual([4, 4, 3]);
    expect([at("Children's"), at('Drama'), at('Romance'), at('Film-Noir'), at('unknown')]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(v.reduce((a, b) => a + b, 0)).toBe(31);
    // Any spelling of a name the seed uses reads the same.
    expect(seedProfile(['SCI FI', 'scifi', 'Children', 'Westerns'])).toEqual([5, 5, 0, 0]);
    expect(seedProfile([])).toEqual([]);
  });

  it('reads a profile back as a sentence, strongest first', () => {
    expect(describeProfile(['Drama', 'Action', 'Sci-Fi'], [3, 5, 0])).toBe('Action 5, Drama 3');
    expect(describeProfile(['Drama'], [0])).toBe('every genre at 0');
  });
});

describe('versus', () => {
  it('says by how much the towers beat or trail a baseline', () => {
    expect(versus(0.9286, 'biases', 0.9454)).toBe('0.929 vs biases 0.945: 0.017 stars better');
    expect(versus(0.9513, 'biases', 0.9454)).toBe('0.951 vs biases 0.945: 0.006 stars worse');
    expect(versus(0.9452, 'biases', 0.9454)).toBe('0.945 vs biases 0.945: level with it');
  });
});
