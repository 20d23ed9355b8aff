/**
 * `npm run gen:large [-- --rows 32000000] [--out ratings.csv] [--seed 1] [--users N] [--items N]`: writes
 * an ML-32M-shaped ratings.csv (see src/data/synthetic-large.ts) for trying the lab at seed 002's scale.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { largeCsvChunks, largeShape, ML32M_ROWS } from '../src/data/synthetic-large';

function positive(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive whole number, got '${v}'`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    out: { type: 'string', default: 'ratings.csv' },
    seed: { type: 'string', default: '1' },
    users: { type: 'string' },
    items: { type: 'string' },
  },
});
const opts = {
  rows: positive('rows', values.rows) ?? ML32M_ROWS,
  seed: positive('seed', values.seed) ?? 1,
  users: positive('users', values.users),
  items: positive('items', values.items),
};
const shape = largeShape(opts);
const out = resolve(values.out);
const t0 = performance.now();
const fd = openSync(out, 'w');
let bytes = 0;
try {
  largeCsvChunks(opts, (chunk) => {
    const buf = Buffer.from(chunk, 'utf8');
    writeSync(fd, buf);
    bytes += buf.length;
  });
} finally {
  closeSync(fd);
}
const s = (performance.now() - t0) / 1000;
console.log(
  `${out}: ${shape.rows.toLocaleString('en-US')} ratings, ${shape.users.toLocaleString('en-US')} users, up to ${shape.items.toLocaleString('en-US')} items, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${s.toFixed(1)} s`,
);
