/** The mapping step names each column it leaves unused and says what it holds. */
import { describe, expect, it } from 'vitest';
import { createDataApi } from '../../../src/worker/data-api';
import { DatasetStore } from '../../../src/worker/datasets';
import { JobRegistry } from '../../../src/worker/jobs';
import { unusedColumnNotes } from '../../../src/ui/stages/data/columnNotes';

function shopFile(): File {
  const lines = ['12.99', '149.50', '7.5', '88'].flatMap((p, k) =>
    Array.from({ length: 6 }, (_, r) => `${r},${k * 6 + r},${p},${1609459200 + r},`),
  );
  return new File([`${lines.join('\n')}\n`], 'shop.csv');
}

describe('the mapping step on a headerless file with a price column', () => {
  it('gets each column described by the worker, and lists the unused one with what it holds', async () => {
    const api = createDataApi(new JobRegistry(), new DatasetStore());
    const got = await api.sniff({ name: 'shop.csv', blob: shopFile() }, null);
    if (!got.ok) throw new Error(got.reason);
    const sniff = got.value;
    expect(sniff.suggested).toMatchObject({ user: 0, item: 1, rating: null, timestamp: 3 });
    const names = Array.from({ length: sniff.width }, (_, j) => `Column ${j + 1}`);
    const used = (j: number) => j === 0 || j === 1 || j === 3;
    expect(unusedColumnNotes(names, used, sniff.columnNotes)).toEqual([
      'Column 3 holds values like 12.99, 149.5 — not a rating scale: values up to 149.5',
    ]);
  });

  it('names a header column in a sentence, and skips used and empty columns', () => {
    const notes = [null, null, 'values like great, meh — text', null];
    expect(unusedColumnNotes(['1: user', '2: item', '3: comment', '4: empty'], (j) => j < 2, notes)).toEqual([
      'Column 3 (comment) holds values like great, meh — text',
    ]);
  });
});
