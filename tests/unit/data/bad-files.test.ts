import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles, type LoadOptions, type NamedBlob } from '../../../src/data';
import { FIXTURES, expectFail, expectOk, fixture, textBlob } from './helpers';

interface BadCase {
  /** Fixture files under tests/fixtures/bad, optionally loaded under another name. */
  files: (string | [string, string])[];
  options?: LoadOptions;
  message: string | RegExp;
}

const ML_GOOD_DATA = '1\t1\t4\t881250949\n1\t2\t3\t881250950\n2\t1\t5\t881250951\n';

const CASES: Record<string, BadCase> = {
  'empty file': { files: ['empty.csv'], message: 'empty.csv: the file is empty' },
  'header only': {
    files: ['header-only.csv'],
    message: 'header-only.csv: has a header row but no data rows',
  },
  'binary file (NUL bytes)': {
    files: ['binary.csv'],
    message: 'binary.csv: a binary file (NUL byte at offset 8), not delimited text',
  },
  'binary file (invalid UTF-8, control bytes)': {
    files: ['not-utf8.csv'],
    message: /^not-utf8\.csv: a binary file \([\d.]+% control bytes, not valid UTF-8\), not delimited text$/,
  },
  'gzip instead of text': {
    files: ['ratings.csv.gz'],
    message: 'ratings.csv.gz: gzip-compressed; decompress it first',
  },
  'missing user column': {
    files: ['no-user-column.csv'],
    message:
      'no-user-column.csv: row 1: no user column in the header (movieId, rating, timestamp); name one userId, or map it by hand',
  },
  'missing item column': {
    files: ['no-item-column.csv'],
    message:
      'no-item-column.csv: row 1: no item column in the header (user_id, rating, when); name one itemId, or map it by hand',
  },
  'non-numeric rating': {
    files: ['rating-not-number.csv'],
    message: "rating-not-number.csv: row 2: rating 'good' is not a number (all 3 data rows are bad)",
  },
  'wrong delimiter (one column everywhere)': {
    files: ['space-delimited.txt'],
    message: 'space-delimited.txt: every row has a single column: the delimiter is not one of , ; tab | ::',
  },
  'duplicate header name': {
    files: ['duplicate-header.csv'],
    message: "duplicate-header.csv: row 1: the header names column 'rating' twice (columns 3 and 4)",
  },
  'too few columns for u.data': {
    files: [['u-data-three-columns.tsv', 'u.data']],
    message: 'u.data: row 1: has 3 fields; the timestamp column (4) is missing (all 4 data rows are bad)',
  },
  'empty user ids': {
    files: ['empty-user.csv'],
    message: 'empty-user.csv: row 2: user id is empty (all 3 data rows are bad)',
  },
  'unreadable timestamps': {
    files: ['bad-timestamp.csv'],
    message:
      "bad-timestamp.csv: row 2: timestamp 'yesterday' is neither an epoch time nor an ISO date (all 2 data rows are bad)",
  },
  'unterminated quote': {
    files: ['unterminated-quote.csv'],
    message: 'unterminated-quote.csv: row 2: a quoted field opens here and never closes',
  },
  'bad genre flags in u.item': {
    files: [['u-item-bad-flags.txt', 'u.item']],
    message: "u.item: row 1: genre flag 'x' in column 6 is not 0 or 1 (all 2 data rows are bad)",
  },
  'movies.dat without ratings.dat': {
    files: ['movies.dat'],
    message: 'ratings.dat is missing: movies.dat alone has no ratings',
  },
  'zip with unknown contents': {
    files: ['unknown-contents.zip'],
    message:
      "unknown-contents.zip: no ratings file in this zip (found: notes/readme.md, notes/picture.png). Expected MovieLens' u.data, ratings.dat or ratings.csv, or one .csv/.tsv table.",
  },
  'zip without u.data': {
    files: ['no-u-data.zip'],
    message: 'u.data (the ratings) is missing: add it next to u.item and u.user, or drop ml-100k.zip',
  },
  'corrupt zip': { files: ['corrupt.zip'], message: /^corrupt\.zip: not a readable zip archive \(.+\)$/ },
  'Excel workbook': {
    files: ['workbook.xlsx'],
    message: /It looks like an Excel workbook: save it as CSV\.$/,
  },
};

async function filesOf(c: BadCase): Promise<NamedBlob[]> {
  const out = await Promise.all(
    c.files.map((f) => (typeof f === 'string' ? fixture(`bad/${f}`) : fixture(`bad/${f[0]}`, f[1]))),
  );
  // u.item is only read next to ratings: give it a good u.data so the failure is u.item's own.
  if (out.some((f) => f.name === 'u.item')) out.push(textBlob('u.data', ML_GOOD_DATA));
  return out;
}

/**
 * Files with some usable rows: they load, the bad rows skipped and counted, and a notice says
 * when most rows were skipped (a file is rejected only when nothing in it is usable).
 */
const KEPT: Record<string, BadCase & { kept: number }> = {
  'out-of-range rating': {
    files: ['rating-out-of-range.csv'],
    options: { ratingRange: { min: 1, max: 5 } },
    kept: 1,
    message:
      'most rows were skipped: 3 of 4 could not be read and 1 was kept; first: row 2: rating 7 is outside the range 1–5',
  },
  // Rows 2 and 3 are kept (row 3's extra fields are in no mapped column); rows 4-7 lack one.
  'ragged rows': {
    files: ['ragged.csv'],
    kept: 2,
    message:
      'most rows were skipped: 4 of 6 could not be read and 2 were kept; first: row 4: has 2 fields; the rating column (3) is missing',
  },
};

describe('files with mostly bad rows load what is usable', () => {
  for (const [name, c] of Object.entries(KEPT)) {
    it(name, async () => {
      const ds = expectOk(await loadFiles(await filesOf(c), c.options));
      expect(ds.interactions.user.length).toBe(c.kept);
      expect(ds.notices).toContain(c.message);
    });
  }
});

describe('malformed files are rejected with their own message', () => {
  it('covers at least 15 fixture files, each used by a case', () => {
    const onDisk = readdirSync(join(FIXTURES, 'bad'));
    const used = new Set(
      [...Object.values(CASES), ...Object.values(KEPT)].flatMap((c) =>
        c.files.map((f) => (typeof f === 'string' ? f : f[0])),
      ),
    );
    expect(onDisk.length).toBeGreaterThanOrEqual(15);
    expect(onDisk.filter((f) => !used.has(f))).toEqual([]);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const reason = expectFail(await loadFiles(await filesOf(c), c.options));
      if (typeof c.message === 'string') expect(reason).toBe(c.message);
      else expect(reason).toMatch(c.message);
    });
  }

  it('gives every case a different message', () => {
    const texts = Object.values(CASES).map((c) => String(c.message));
    expect(new Set(texts).size).toBe(texts.length);
  });
});
