import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ML100K_GENRES, loadFiles, type NamedBlob } from '../../../src/data';
import { expectFail, expectOk, itemsOf, latin1Blob, ratingsOf, rowsOf, textBlob, usersOf } from './helpers';

const flags = (on: number[]): string => ML100K_GENRES.map((_, g) => (on.includes(g) ? '1' : '0')).join('|');

/** A hand-made ML-100k in the real layout: tab ratings, Latin-1 pipes, official split files. */
function mini100k(): NamedBlob[] {
  const data = [
    '196\t242\t3\t881250949',
    '186\t302\t3\t891717742',
    '22\t377\t1\t878887116',
    '196\t302\t5\t881250950',
    '22\t242\t4\t878887117',
  ];
  const item = [
    `242|Kolya (1996)|24-Jan-1997||http://example.org/kolya|${flags([5])}`,
    `302|L.A. Confidential (1997)|01-Jan-1997||http://example.org/la|${flags([6, 10, 13, 16])}`,
    `377|Á köldum klaka (Cold Fever) (1994)|08-Mar-1996||http://example.org/cf|${flags([5, 8])}`,
    `999|Never Rated (1990)|01-Jan-1990||http://example.org/nr|${flags([1])}`,
  ];
  return [
    textBlob('u.data', data.join('\n') + '\n'),
    latin1Blob('u.item', item.join('\n') + '\n'),
    textBlob('u.user', '22|25|M|writer|40206\n186|39|F|executive|00000\n196|49|M|writer|55105\n'),
    textBlob('u.genre', ML100K_GENRES.map((g, k) => `${g}|${k}`).join('\n') + '\n\n'),
    textBlob('ua.test', '22\t377\t1\t878887116\n196\t302\t5\t881250950\n'),
    textBlob('ua.base', 'not read: the base file is the complement of the test file\n'),
    textBlob('README', 'free text'),
  ];
}

describe('MovieLens-100k files', () => {
  it('loads ratings, Latin-1 titles, genres, users and official splits', async () => {
    const ds = expectOk(await loadFiles(mini100k()));
    expect(ds).toMatchObject({ id: 'ml-100k', kind: 'movielens-100k', nUsers: 3, nItems: 3 });
    // Dense indices follow numeric id order, whatever order u.data lists them in.
    expect(ds.userIds).toEqual(['22', '186', '196']);
    expect(ds.itemIds).toEqual(['242', '302', '377']);
    expect(rowsOf(ds)[0]).toEqual(['196', '242', 3, 881250949]);
    const items = itemsOf(ds);
    expect(items.title).toEqual([
      'Kolya (1996)',
      'L.A. Confidential (1997)',
      'Á köldum klaka (Cold Fever) (1994)',
    ]);
    expect(Array.from(items.year)).toEqual([1996, 1997, 1994]);
    expect(items.genreNames).toEqual(ML100K_GENRES);
    expect(items.genreMask[1]).toBe((1 << 6) | (1 << 10) | (1 << 13) | (1 << 16));
    expect(usersOf(ds).occupation).toEqual(['writer', 'executive', 'writer']);
    expect(Array.from(usersOf(ds).age)).toEqual([25, 39, 49]);
    expect(usersOf(ds).zip[1]).toBe('00000');
    expect(ds.officialSplits).toHaveLength(1);
    expect(ds.officialSplits[0].name).toBe('ua');
    expect(Array.from(ds.officialSplits[0].testRows)).toEqual([2, 3]);
    expect(ds.ratingScale).toEqual({ min: 1, max: 5 });
    expect(ds.skipped).toEqual({ count: 0, examples: [] });
  });

  it('loads the same dataset from ml-100k.zip (files under ml-100k/)', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const f of mini100k()) entries[`ml-100k/${f.name}`] = new Uint8Array(await f.blob.arrayBuffer());
    const zip: NamedBlob = { name: 'ml-100k.zip', blob: new Blob([zipSync({ 'ml-100k/': {}, ...entries })]) };
    const fromZip = expectOk(await loadFiles([zip]));
    const fromFiles = expectOk(await loadFiles(mini100k()));
    expect(rowsOf(fromZip)).toEqual(rowsOf(fromFiles));
    expect(itemsOf(fromZip).title).toEqual(itemsOf(fromFiles).title);
    expect(Array.from(fromZip.officialSplits[0].testRows)).toEqual([2, 3]);
  });

  it('gives identical results whatever the chunk size', async () => {
    const ref = expectOk(await loadFiles(mini100k()));
    for (const chunkSize of [1, 3, 17]) {
      const ds = expectOk(await loadFiles(mini100k(), { chunkSize }));
      expect(rowsOf(ds)).toEqual(rowsOf(ref));
      expect(itemsOf(ds).title).toEqual(itemsOf(ref).title);
    }
  });

  it('reports split rows that are not ratings, and out-of-range ratings, by row', async () => {
    const files = mini100k().map((f) =>
      f.name === 'ua.test'
        ? textBlob('ua.test', '22\t377\t1\t878887116\n196\t302\t5\t881250950\n22\t302\t4\t1\n')
        : f.name === 'u.data'
          ? textBlob(
              'u.data',
              '196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n196\t302\t5\t881250950\n22\t242\t4\t878887117\n1\t1\t6\t1\n',
            )
          : f,
    );
    const ds = expectOk(await loadFiles(files));
    expect(ds.skipped.count).toBe(2);
    expect(ds.skipped.examples).toEqual([
      'row 6: rating 6 is outside the range 1–5',
      'ua.test row 3: user 22, item 302 is not a rating in u.data',
    ]);
  });
});

describe('MovieLens-1M/10M .dat files', () => {
  it("reads '::' ratings, Latin-1 movies.dat with '|' genres, and users.dat", async () => {
    const ds = expectOk(
      await loadFiles([
        textBlob('ratings.dat', '1::1193::5::978300760\n1::661::3::978302109\n2::1193::4.5::978298413\n'),
        latin1Blob(
          'movies.dat',
          "661::James and the Giant Peach (1996)::Animation|Children's|Musical\n1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n5::Misérables, Les (1995)::Drama\n",
        ),
        textBlob('users.dat', '1::F::1::10::48067\n2::M::56::16::70072\n'),
      ]),
    );
    expect(ds).toMatchObject({ id: 'ml-1m', kind: 'movielens-1m', nUsers: 2, nItems: 2 });
    expect(ds.itemIds).toEqual(['661', '1193']);
    expect(itemsOf(ds).title[0]).toBe('James and the Giant Peach (1996)');
    expect(itemsOf(ds).genreNames).toEqual(['Animation', "Children's", 'Drama', 'Musical']);
    expect(itemsOf(ds).genreMask[0]).toBe(0b1011);
    expect(usersOf(ds).occupation).toEqual(['K-12 student', 'self-employed']);
    expect(ds.ratingScale).toEqual({ min: 3, max: 5 });
    expect(Array.from(ratingsOf(ds))).toEqual([5, 3, 4.5]);
  });
});

describe('MovieLens latest (ratings.csv, movies.csv)', () => {
  const ratings =
    'userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,0.5,964981247\r\n2,1,3.5,1445714835\r\n';
  const movies =
    'movieId,title,genres\r\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\r\n' +
    '3,"American President, The (1995)",Comedy|Drama|Romance\r\n4,"Sad ""Quoted"" Film",(no genres listed)\r\n';

  it('reads half stars, quoted titles and genres', async () => {
    const ds = expectOk(await loadFiles([textBlob('ratings.csv', ratings), textBlob('movies.csv', movies)]));
    expect(ds).toMatchObject({ id: 'ml-latest', kind: 'movielens-latest', nUsers: 2, nItems: 2 });
    expect(Array.from(ratingsOf(ds))).toEqual([4, 0.5, 3.5]);
    expect(ds.ratingScale).toEqual({ min: 0.5, max: 4 });
    expect(itemsOf(ds).title).toEqual(['Toy Story (1995)', 'American President, The (1995)']);
    expect(Array.from(itemsOf(ds).year)).toEqual([1995, 1995]);
    const names = itemsOf(ds).genreNames;
    expect(names).toEqual(['Adventure', 'Animation', 'Children', 'Comedy', 'Drama', 'Fantasy', 'Romance']);
    expect(itemsOf(ds).genreMask[1]).toBe(
      (1 << names.indexOf('Comedy')) | (1 << names.indexOf('Drama')) | (1 << names.indexOf('Romance')),
    );
  });

  it('rejects ratings outside 0.5–5 as malformed rows', async () => {
    const ds = expectOk(await loadFiles([textBlob('ratings.csv', ratings + '3,1,6.0,964982703\n')]));
    expect(ds.skipped.examples).toEqual(['row 5: rating 6.0 is outside the range 0.5–5']);
  });

  it('also reads the latest format from a zip', async () => {
    const zip = zipSync({
      'ml-latest-small/ratings.csv': strToU8(ratings),
      'ml-latest-small/movies.csv': strToU8(movies),
      'ml-latest-small/links.csv': strToU8('x'),
    });
    const ds = expectOk(await loadFiles([{ name: 'ml-latest-small.zip', blob: new Blob([zip]) }]));
    expect(itemsOf(ds).title[1]).toBe('American President, The (1995)');
  });

  it('fails a zip without u.data that still has MovieLens-100k metadata', async () => {
    const zip = zipSync({ 'ml-100k/u.item': strToU8('1|Toy Story (1995)|||x|0\n') });
    expect(expectFail(await loadFiles([{ name: 'ml-100k.zip', blob: new Blob([zip]) }]))).toBe(
      'u.data (the ratings) is missing: add it next to u.item and u.user, or drop ml-100k.zip',
    );
  });
});
