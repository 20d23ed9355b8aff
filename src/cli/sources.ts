/** Node-side file access for the CLI and tests: file-backed Blobs, so big files stream from disk. */
import { existsSync, openAsBlob, readFileSync, readdirSync, statSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NamedBlob } from '../data';
import { noticeFor } from '../../scripts/fetch-movielens';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PUBLIC_ML100K = join(REPO_ROOT, 'public', 'data', 'ml-100k');

/** Why a path given on the command line cannot be read as a file, or null when it can. */
export function unreadableFile(path: string, flag: string): string | null {
  if (!existsSync(path)) return `${flag} ${path}: no such file`;
  const st = statSync(path);
  if (st.isDirectory()) return `${flag} ${path}: is a folder, not a file`;
  if (!st.isFile()) return `${flag} ${path}: not a regular file (a device, pipe or socket)`;
  return null;
}

export async function blobFromPath(path: string): Promise<NamedBlob> {
  return { name: basename(path), blob: await openAsBlob(path) };
}

/** Every plain file of a folder (the loaders pick what they know by name). */
export async function blobsFromFolder(dir: string): Promise<NamedBlob[]> {
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  return Promise.all(names.map((n) => blobFromPath(join(dir, n))));
}

/** What `--backend` may name in Node: no WebGL; WebGPU only where Dawn provides navigator.gpu. */
export const NODE_BACKENDS = ['wasm', 'cpu', 'webgpu', 'auto'] as const;

export type Ml100kSource = { path: string; origin: 'MOVIELENS_SOURCE' | 'public/data' };

/**
 * Where ML-100k is on this machine: MOVIELENS_SOURCE (a folder or a zip, relative to the current
 * directory) when set, else the copy `npm run prepare-data` put under public/data.
 */
export function findMl100k(env: NodeJS.ProcessEnv = process.env): Ml100kSource | string {
  const fromEnv = env.MOVIELENS_SOURCE;
  if (fromEnv) {
    const path = resolve(fromEnv);
    return existsSync(path)
      ? { path, origin: 'MOVIELENS_SOURCE' }
      : `MOVIELENS_SOURCE=${fromEnv} does not exist`;
  }
  if (existsSync(join(PUBLIC_ML100K, 'u.data'))) return { path: PUBLIC_ML100K, origin: 'public/data' };
  return 'MovieLens-100k not found: run `npm run prepare-data` or set MOVIELENS_SOURCE to a folder or zip';
}

export async function blobsFromSource(path: string): Promise<NamedBlob[]> {
  return statSync(path).isDirectory() ? blobsFromFolder(path) : [await blobFromPath(path)];
}

/**
 * The notice for a MovieLens copy whose u.item differs from the official file (a folder or a zip), or null.
 * The copy still loads; the notice says which file differs, as `prepare-data` does for the app.
 */
export function ml100kNotice(path: string): string | null {
  let item: Uint8Array | undefined;
  if (statSync(path).isDirectory()) {
    const file = join(path, 'u.item');
    if (existsSync(file)) item = readFileSync(file);
  } else {
    const entries = unzipSync(readFileSync(path), { filter: (f) => basename(f.name) === 'u.item' });
    item = Object.values(entries)[0];
  }
  return item === undefined ? null : noticeFor(new Map([['u.item', item]]));
}
