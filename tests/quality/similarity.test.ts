/**
 * Similarity floors on the real ML-100k. Item vectors come from models trained with the families' own
 * DEFAULT settings (read from each spec, so a retuned default is what gets tested), through the same
 * registry and runExperiment the worker and the CLI use, on WASM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Dataset } from '../../src/data/types';
import { familySpec } from '../../src/models/catalog';
import { family } from '../../src/models/registry';
import { REPO_ROOT } from '../../src/cli/sources';
import { DISTANCE_METRICS } from '../../src/similarity/config';
import { nearestNeighbours, type VectorSet } from '../../src/similarity/distance';
import { genreAgreement } from '../../src/similarity/genres';
import { initBackend } from '../../src/train/backend';
import { runExperiment } from '../../src/train/experiment';
import { haveMl100k, loadMl100k } from './ml100k';

/**
 * Embeddings whose genre agreement must beat random pairs by 0.15. The two-tower item tower joins
 * this list once its family is in the registry:
 * { name: 'two-tower', family: 'two-tower', kind: <its default kind>, block: 'item tower' }.
 */
const AGREEMENT_SOURCES = [{ name: 'NCF stage MF', family: 'ncf', kind: 'mf', block: 'factors' }];

const STAR_WARS = 'Star Wars (1977)';
const SAGA = [
  'Return of the Jedi (1983)',
  'Empire Strikes Back, The (1980)',
  'Raiders of the Lost Ark (1981)',
  'Indiana Jones and the Last Crusade (1989)',
];

let ds: Dataset;
const vectors = new Map<string, VectorSet>();
const log: string[] = [];

/** A model of a family trained with its spec's default config; its item vectors, by block. */
async function trainDefault(familyId: string, kind: string): Promise<Map<string, VectorSet>> {
  const key = `${familyId}:${kind}`;
  const fam = family(familyId);
  const spec = familySpec(familyId);
  if (!fam || !spec) throw new Error(`No family ${familyId}`);
  const cfg = spec.base(kind, null);
  const data = fam.prepare(ds, cfg);
  if (!data.ok) throw new Error(data.reason);
  const res = await runExperiment(fam, data.value, cfg, { validation: false });
  const out = new Map<string, VectorSet>();
  for (const b of await res.model.itemEmbeddings())
    out.set(`${key}:${b.name}`, { n: b.vectors.length / b.dim, dim: b.dim, vectors: b.vectors });
  res.model.dispose();
  log.push(
    `${key}: ${res.history.length} epochs, ${res.train?.trainSeconds.toFixed(1)} s, HR@10 ${res.evaluation.metrics['hr@10']?.toFixed(3)}`,
  );
  return out;
}

async function source(familyId: string, kind: string, block: string): Promise<VectorSet> {
  const key = `${familyId}:${kind}:${block}`;
  if (!vectors.has(key)) for (const [k, v] of await trainDefault(familyId, kind)) vectors.set(k, v);
  const set = vectors.get(key);
  if (!set) throw new Error(`${familyId}:${kind} has no '${block}' vectors`);
  return set;
}

describe.skipIf(!haveMl100k())('similarity on ML-100k, default settings', () => {
  beforeAll(async () => {
    await initBackend({
      choice: 'wasm',
      wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
    });
    ds = await loadMl100k();
  });

  afterAll(() => console.log(`Similarity on ML-100k (WASM)\n${log.join('\n')}`));

  it.each(AGREEMENT_SOURCES)(
    '$name ($block): genre agreement of the 10 nearest beats random pairs by 0.15',
    async ({ family: f, kind, block }) => {
      const set = await source(f, kind, block);
      const genres = ds.items?.genreMask;
      if (!genres) throw new Error('ML-100k without genres');
      for (const metric of DISTANCE_METRICS) {
        const a = genreAgreement(await nearestNeighbours(set, 10, metric), genres, 10);
        log.push(
          `${f}:${kind}:${block} ${metric}: agreement@10 ${a.neighbours.toFixed(3)} vs random ${a.random.toFixed(3)}`,
        );
        if (metric === 'cosine') expect(a.neighbours - a.random).toBeGreaterThanOrEqual(0.15);
      }
    },
    300_000,
  );

  it(`${STAR_WARS} has at least 2 of its saga and Indiana Jones among its 10 nearest by cosine (MF, defaults)`, async () => {
    const set = await source('ncf', 'mf', 'factors');
    const titles = ds.items?.title ?? [];
    const sw = titles.indexOf(STAR_WARS);
    expect(sw).toBeGreaterThanOrEqual(0);
    const nb = await nearestNeighbours(set, 10, 'cosine', { from: sw, to: sw + 1 });
    const names = Array.from(nb.indices, (j) => titles[j]);
    log.push(`${STAR_WARS}, cosine, MF: ${names.join(' | ')}`);
    expect(names.filter((t) => SAGA.includes(t)).length).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
