/**
 * ML-100k for tests, loaded with the lab's own loaders from MOVIELENS_SOURCE (default
 * ../shared/datasets/ml-100k). MovieLens files are never copied into the repository.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFiles, type Dataset } from '../../src/data';
import { blobsFromSource } from '../../src/cli/sources';

export const ML100K_DIR = resolve(
  process.env.MOVIELENS_SOURCE ??
    join(dirname(fileURLToPath(import.meta.url)), '../../../shared/datasets/ml-100k'),
);

/** A zip given as MOVIELENS_SOURCE counts too; the loaders expand it. */
export const haveMl100k = (): boolean => existsSync(join(ML100K_DIR, 'u.data')) || /\.zip$/i.test(ML100K_DIR);

let cached: Promise<Dataset> | null = null;

export function loadMl100k(): Promise<Dataset> {
  cached ??= blobsFromSource(ML100K_DIR)
    .then((files) => loadFiles(files))
    .then((r) => {
      if (!r.ok) throw new Error(`ML-100k did not load: ${r.reason}`);
      return r.value;
    });
  return cached;
}
