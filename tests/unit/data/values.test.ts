import { describe, expect, it } from 'vitest';
import { parseNumber, parseTimestamp, trimmedLength, yearFromTitle } from '../../../src/data/parse/values';
import { repairTitle } from '../../../src/data/formats/repair';

describe('parseNumber', () => {
  it('reads decimals and half stars, and refuses everything else', () => {
    expect(parseNumber('3.5', ',')).toBe(3.5);
    expect(parseNumber(' 4 ', ',')).toBe(4);
    expect(parseNumber('-1e2', ',')).toBe(-100);
    for (const bad of ['', 'abc', '0x10', 'Infinity', 'NaN', '4 stars', '3,5'])
      expect(parseNumber(bad, ',')).toBeNull();
  });
  it('accepts a decimal comma when the delimiter is not a comma', () => {
    expect(parseNumber('3,5', ';')).toBe(3.5);
  });
});

describe('parseTimestamp', () => {
  it('reads epoch seconds, epoch milliseconds and ISO dates as seconds (UTC when no zone)', () => {
    expect(parseTimestamp('881250949')).toBe(881250949);
    expect(parseTimestamp('1704067200000')).toBe(1704067200);
    expect(parseTimestamp('2024-01-01')).toBe(1704067200);
    expect(parseTimestamp('2024-01-01T10:30:00')).toBe(1704067200 + 10.5 * 3600);
    expect(parseTimestamp('2024-01-01 10:30')).toBe(1704067200 + 10.5 * 3600);
    expect(parseTimestamp('2024-01-01T10:30:00Z')).toBe(1704067200 + 10.5 * 3600);
    expect(parseTimestamp('2024-01-01T10:30:00+0100')).toBe(1704067200 + 9.5 * 3600);
    expect(parseTimestamp('2024-01-01T10:30:00.250-02:00')).toBe(1704067200 + 12.5 * 3600 + 0.25);
  });
  it('rejects text that is not a time', () => {
    for (const bad of ['', 'yesterday', '2024-13-45', '01/02/2024', '1e400'])
      expect(parseTimestamp(bad)).toBeNull();
  });
});

describe('titles', () => {
  it('takes the release year from the end of a title', () => {
    expect(yearFromTitle('Toy Story (1995)')).toBe(1995);
    expect(yearFromTitle('City of Lost Children, The (Cité des enfants perdus, La) (1995) ')).toBe(1995);
    expect(yearFromTitle('Babylon 5 (1994-1998)')).toBe(1994);
    expect(yearFromTitle('unknown')).toBe(0);
    expect(yearFromTitle('Blade Runner 2049')).toBe(0);
  });

  it('restores Latin-1 letters a damaged copy replaced by U+FFFD, from the IMDb URL', () => {
    const url = 'http://us.imdb.com/Title?%C1+k%F6ldum+klaka+(1994)';
    expect(repairTitle('\uFFFD k\uFFFDldum klaka (Cold Fever) (1994)', url)).toBe(
      'Á köldum klaka (Cold Fever) (1994)',
    );
    const url2 = 'http://us.imdb.com/M/title-exact?M%E9pris%2C+Le+(1963)';
    expect(repairTitle('Contempt (M\uFFFDpris, Le) (1963)', url2)).toBe('Contempt (Mépris, Le) (1963)');
    // The URL names another title: nothing to copy from, so the title stays as it is.
    const url3 = 'http://us.imdb.com/Title?M%E9tisse+(1993)';
    expect(repairTitle('Metisse (Caf\uFFFD au Lait) (1993)', url3)).toBe(
      'Metisse (Caf\uFFFD au Lait) (1993)',
    );
    expect(repairTitle('Toy Story (1995)', 'x')).toBe('Toy Story (1995)');
  });
});

it('trimmedLength ignores empty trailing columns only', () => {
  expect(trimmedLength(['1', '2', '', ' '])).toBe(2);
  expect(trimmedLength(['1', '', '3'])).toBe(3);
  expect(trimmedLength([''])).toBe(0);
});
