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

const MISSING = `no ML-100k at ${ML100K_DIR}; set MOVIELENS_SOURCE to a folder or zip`;

/** Tests that need ML-100k skip without it on a developer's machine; under CI they run, and fail. */
export const SKIP_ML100K = !haveMl100k() && !process.env.CI;

/** A test title that says, when it skips, why. */
export const ml100kTitle = (title: string): string =>
  SKIP_ML100K ? `${title} (skipped: ${MISSING})` : title;

let cached: Promise<Dataset> | null = null;

export function loadMl100k(): Promise<Dataset> {
  if (!haveMl100k()) return Promise.reject(new Error(MISSING));
  cached ??= blobsFromSource(ML100K_DIR)
    .then((files) => loadFiles(files))
    .then((r) => {
      if (!r.ok) throw new Error(`ML-100k did not load: ${r.reason}`);
      return r.value;
    });
  return cached;
}
