/**
 * The ratings reader's fast path reads plain lines by character codes and hands every other line to the
 * row reader: whatever the mix, a file must load exactly as the row reader alone loads it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadFiles } from '../../../src/data/load';
import { fastLines } from '../../../src/data/formats/table';
import type { Dataset } from '../../../src/data/types';

const blob = (name: string, text: string) => ({ name, blob: new Blob([text]) });

async function both(name: string, text: string, chunkSize?: number): Promise<[Dataset, Dataset]> {
  const load = async () => {
    const r = await loadFiles([blob(name, text)], { chunkSize });
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  };
  fastLines.enabled = true;
  const fast = await load();
  fastLines.enabled = false;
  const slow = await load();
  return [fast, slow];
}

function expectSame(a: Dataset, b: Dataset): void {
  expect(a.userIds).toEqual(b.userIds);
  expect(a.itemIds).toEqual(b.itemIds);
  expect(a.interactions.user).toEqual(b.interactions.user);
  expect(a.interactions.item).toEqual(b.interactions.item);
  expect(a.interactions.rating).toEqual(b.interactions.rating);
  expect(a.interactions.timestamp).toEqual(b.interactions.timestamp);
  expect(a.skipped).toEqual(b.skipped);
  expect(a.notices).toEqual(b.notices);
}

afterEach(() => {
  fastLines.enabled = true;
});

/** Plain lines, then every kind of line the fast path must decline, between more plain lines. */
function mixed(rows: number): string {
  const odd = [
    ' 7,8,4,978300760',
    '7, 9,4,978300760',
    '07,10,4,978300760',
    '123456789,11,4,978300760',
    '7,12,4.5e0,978300760',
    '7,13,-1,978300760',
    '7,14,x,978300760',
    '7,15,,978300760',
    '7,16,4',
    '',
    ',,,',
    'userId,movieId,rating,timestamp',
    '7,17,4,978300760.5',
    '7,18,4,1609459200000000',
    '7,19,4,2001-01-01',
    '7,20,1e39,978300760',
    'abc,21,3,978300760',
    '7,22,3.,978300760',
    '7,23,.5,978300760',
    '7,24,5,978300760,extra,fields',
  ];
  const lines = ['userId,movieId,rating,timestamp'];
  for (let r = 0; r < rows; r++) {
    lines.push(`${1 + (r % 97)},${1 + ((r * 31) % 503)},${1 + (r % 9) / 2},${978300000 + r}`);
    if (r % 150 === 75) lines.push(odd[((r / 150) % odd.length) | 0]);
  }
  lines.push(...odd);
  return lines.join('\n');
}

describe('the fast line reader', () => {
  it('reads a mixed file exactly as the row reader does, in any chunking', async () => {
    const text = mixed(3000);
    for (const chunk of [undefined, 4096, 777]) {
      const [fast, slow] = await both('mixed.csv', text, chunk);
      expect(fast.interactions.user.length).toBeGreaterThan(2900);
      expect(fast.skipped.count).toBeGreaterThan(5);
      expectSame(fast, slow);
    }
  });

  it('reads tab and :: files, CRLF lines and files without a time column the same way', async () => {
    const body = Array.from({ length: 1500 }, (_, r) => [1 + (r % 40), 1 + (r % 77), 1 + (r % 5)]);
    const cases: [string, string][] = [
      ['u.tsv', body.map((r) => [...r, 881250949 + r[0]].join('\t')).join('\n')],
      ['ratings.dat', body.map((r) => [...r, 978300760].join('::')).join('\n')],
      ['crlf.csv', 'user,item,rating\r\n' + body.map((r) => r.join(',')).join('\r\n')],
      ['implicit.csv', 'user,item\n' + body.map((r) => `${r[0]},${r[1]}`).join('\n') + '\n1,2,3,4\n'],
    ];
    for (const [name, text] of cases) {
      const [fast, slow] = await both(name, text, 5000);
      expect(fast.interactions.user.length).toBeGreaterThan(0);
      expectSame(fast, slow);
    }
  });
});
