/** Datasets for the CLI's commands: the built-in list, or files from disk read by the lab's loaders. */
import {
  generateRandomHealth,
  generateStructured,
  loadFiles,
  type Dataset,
  type NamedBlob,
  type Result,
} from '../data';
import { BUILTIN_IDS, isBuiltinId, type BuiltinId } from '../data/builtins';
import { blobFromPath, blobsFromSource, findMl100k, ml100kNotice, unreadableFile } from './sources';

/** A built-in dataset: generated from a seed, or ML-100k from MOVIELENS_SOURCE or public/data. */
export async function loadBuiltinDataset(id: BuiltinId, seed?: number): Promise<Result<Dataset>> {
  switch (id) {
    case 'synthetic-random':
      return { ok: true, value: generateRandomHealth(seed) };
    case 'synthetic-structured':
      return { ok: true, value: generateStructured(seed) };
    case 'ml-100k': {
      const src = findMl100k();
      if (typeof src === 'string') return { ok: false, reason: src };
      const notice = ml100kNotice(src.path);
      // stderr, so `--json` output on stdout stays one JSON document per line.
      if (notice !== null) process.stderr.write(`Notice: ${notice}.\n`);
      return loadFiles(await blobsFromSource(src.path));
    }
  }
}

/** `--file` (and `--movies`) when given, else the named built-in (ML-100k by default). */
export async function loadDataset(
  name: string | undefined,
  file: string | undefined,
  movies: string | undefined,
  seed?: number,
): Promise<Result<Dataset>> {
  if (file !== undefined) {
    const problem =
      unreadableFile(file, '--file') ?? (movies === undefined ? null : unreadableFile(movies, '--movies'));
    if (problem !== null) return { ok: false, reason: problem };
    const files: NamedBlob[] = [await blobFromPath(file)];
    if (movies !== undefined) files.push(await blobFromPath(movies));
    return loadFiles(files, { metadataFile: movies === undefined ? undefined : files[1].name });
  }
  const id = name ?? 'ml-100k';
  if (!isBuiltinId(id)) return { ok: false, reason: `Unknown dataset '${id}' (${BUILTIN_IDS.join(', ')})` };
  return loadBuiltinDataset(id, seed);
}
