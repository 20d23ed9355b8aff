/** Genre agreement and primary genres on fixtures small enough to count by hand. */
import { describe, expect, it } from 'vitest';
import type { Neighbours } from '../../../src/similarity/distance';
import { genreAgreement, primaryGenres, randomAgreement } from '../../../src/similarity/genres';

// A: genre 1; B: genre 1; C: genre 2; D: genres 1 and 2; E: no genre.
const masks = Uint32Array.from([0b01, 0b01, 0b10, 0b11, 0]);
const [A, B, C, D, E] = [0, 1, 2, 3, 4];

function neighbours(rows: number[][]): Neighbours {
  const k = rows[0].length;
  return {
    from: 0,
    rows: rows.length,
    k,
    indices: Int32Array.from(rows.flat()),
    values: new Float32Array(rows.length * k),
  };
}

describe('genre agreement', () => {
  const nb = neighbours([
    [B, C], // A: B shares, C does not
    [C, E], // B: neither
    [D, A], // C: D shares, A does not
    [A, C], // D: both
    [A, B], // E has no genre: not counted
  ]);

  it('averages, over items with a genre, the share of their k nearest sharing one', () => {
    const a = genreAgreement(nb, masks);
    expect(a.k).toBe(2);
    expect(a.items).toBe(4);
    expect(a.neighbours).toBeCloseTo((0.5 + 0 + 0.5 + 1) / 4, 12);
    expect(genreAgreement(nb, masks, 1).neighbours).toBeCloseTo((1 + 0 + 1 + 1) / 4, 12);
  });

  it('scores random pairs as every other item would, the genre-less ones included', () => {
    // Of the 4 other items: A shares with B and D, B with A and D, C with D, D with A, B and C.
    expect(randomAgreement(masks)).toBeCloseTo((2 / 4 + 2 / 4 + 1 / 4 + 3 / 4) / 4, 12);
    expect(genreAgreement(nb, masks).random).toBe(randomAgreement(masks));
    // The shortcut over distinct genre sets agrees with counting every pair.
    const big = Uint32Array.from({ length: 300 }, (_, i) => (i * 2654435761) % 64);
    let sum = 0;
    let items = 0;
    for (let i = 0; i < big.length; i++) {
      if (!big[i]) continue;
      let s = 0;
      for (let j = 0; j < big.length; j++) if (j !== i && big[i] & big[j]) s++;
      sum += s / (big.length - 1);
      items++;
    }
    expect(randomAgreement(big)).toBeCloseTo(sum / items, 12);
  });

  it('needs the neighbours of every item', () => {
    expect(() => genreAgreement({ ...nb, rows: 2 }, masks)).toThrow(RangeError);
  });
});

describe('primary genres', () => {
  it('picks the rarest genre an item has, -1 for none', () => {
    // Genre 0 on four items, genre 1 on two, genre 2 on one.
    const m = Uint32Array.from([0b001, 0b011, 0b111, 0b001, 0b010, 0]);
    expect(Array.from(primaryGenres(m, 3))).toEqual([0, 1, 2, 0, 1, -1]);
  });
});
