import { describe, expect, it } from 'vitest';
import { IdIndex, InteractionsBuilder } from '../../../src/data/build';

describe('IdIndex', () => {
  it('keeps ids that read as the same number apart: 7, 07, +7 and 7.0 are four ids', () => {
    const idx = new IdIndex();
    const ks = ['7', '07', '+7', '7.0', '7', '0', '00', '16777216', '16777215', 'x7'].map((s) =>
      idx.intern(s),
    );
    expect(ks).toEqual([0, 1, 2, 3, 0, 4, 5, 6, 7, 8]);
    expect(idx.ids).toEqual(['7', '07', '+7', '7.0', '0', '00', '16777216', '16777215', 'x7']);
    expect(idx.find('07')).toBe(1);
    expect(idx.find('16777215')).toBe(7);
    expect(idx.find('8')).toBeUndefined();
    expect(idx.find('99999999')).toBeUndefined();
  });
});

describe('InteractionsBuilder', () => {
  it('keeps every row in order across many blocks, then relabels numeric ids in ascending order', () => {
    const n = (1 << 18) * 2 + 123;
    const b = new InteractionsBuilder(true, true);
    for (let r = 0; r < n; r++) b.push(String(1000 - (r % 1000)), String(r % 37), (r % 5) + 1, r);
    expect(b.length).toBe(n);
    const built = b.finish();
    const x = built.interactions;
    expect(x.user.length).toBe(n);
    expect(built.userIds[0]).toBe('1');
    expect(built.userIds.at(-1)).toBe('1000');
    for (const r of [0, 1, (1 << 18) - 1, 1 << 18, n - 1]) {
      expect(built.userIds[x.user[r]]).toBe(String(1000 - (r % 1000)));
      expect(built.itemIds[x.item[r]]).toBe(String(r % 37));
      expect(x.rating?.[r]).toBe((r % 5) + 1);
      expect(x.timestamp?.[r]).toBe(r);
    }
  });

  it('builds empty arrays when nothing was pushed, and leaves out columns the file lacks', () => {
    const built = new InteractionsBuilder(false, false).finish();
    expect(built.interactions.user.length).toBe(0);
    expect(built.interactions.rating).toBeNull();
    expect(built.interactions.timestamp).toBeNull();
  });
});
