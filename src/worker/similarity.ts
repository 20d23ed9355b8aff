/**
 * The worker side of the Similarity stage. Vectors come from the runs the training API keeps (any
 * family's `itemEmbeddings()`); each block's all-pairs neighbours are computed once per distance and
 * kept until its run is released, so paging, sorting, agreement and exports cost no recomputation.
 */
import * as Comlink from 'comlink';
import type { Dataset, Result } from '../data/types';
import {
  AGREEMENT_K,
  DISTANCES,
  MAX_K,
  type DistanceMetric,
  type ProjectionMethod,
} from '../similarity/config';
import { nearestNeighbours, type Neighbours, type VectorSet } from '../similarity/distance';
import {
  coordinatesCsv,
  neighboursCsv,
  projectorMetadata,
  projectorVectors,
  type ItemLabel,
} from '../similarity/export';
import { genreAgreement, primaryGenres } from '../similarity/genres';
import { pca } from '../similarity/pca';
import { createTitleIndex, searchTitles, type TitleIndex } from '../similarity/search';
import { umap } from '../similarity/umap';
import type { ItemEmbeddings } from '../train/family';
import { runJob, throttleProgress, type JobRegistry } from './jobs';
import type {
  BlockRef,
  NeighbourRow,
  NeighbourSort,
  Projection,
  SimilarityApi,
  SimilaritySource,
  SimItem,
  SourceAgreement,
  SourceRef,
} from './protocol';
import { itemOf, type KeptRun, type RunStore } from './training';

const GONE = 'That model is no longer kept in the worker; train it again.';

interface Catalogue {
  items: SimItem[];
  search: TitleIndex;
  /** Interactions per item, to rank equal search matches. */
  popularity: Int32Array;
}

/** What the stage has worked out for one run; dropped with the run. */
interface RunCache {
  blocks: Promise<ItemEmbeddings[]>;
  catalogue?: Catalogue;
  neighbours: Map<string, Promise<{ nb: Neighbours; millis: number }>>;
  maps: Map<string, { coords: Float32Array; primary: string[] }>;
}

const fail = (reason: string) => ({ ok: false as const, reason });

function catalogue(ds: Dataset): Catalogue {
  const items = Array.from({ length: ds.nItems }, (_, i) => simItem(ds, i));
  const popularity = new Int32Array(ds.nItems);
  for (const i of ds.interactions.item) popularity[i]++;
  return { items, search: createTitleIndex(items.map((it) => it.title ?? it.id)), popularity };
}

function simItem(ds: Dataset, i: number): SimItem {
  const year = ds.items?.year[i];
  return { ...itemOf(ds, i), year: year ? year : null };
}

const label = (it: SimItem): ItemLabel => ({
  id: it.id,
  title: it.title ?? '',
  genres: it.genres,
  year: it.year ?? 0,
});

export function createSimilarityApi(jobs: JobRegistry, runs: RunStore) {
  const caches = new Map<string, RunCache>();

  /** The run and its cache, dropping the caches of runs the training API has released. */
  function open(runHandle: string): { run: KeptRun; cache: RunCache } | null {
    const kept = new Set(runs.handles());
    for (const h of caches.keys()) if (!kept.has(h)) caches.delete(h);
    const run = runs.get(runHandle);
    if (!run) return null;
    let cache = caches.get(runHandle);
    if (!cache) {
      cache = { blocks: run.model.itemEmbeddings(), neighbours: new Map(), maps: new Map() };
      caches.set(runHandle, cache);
    }
    return { run, cache };
  }

  function items(run: KeptRun, cache: RunCache): Catalogue {
    cache.catalogue ??= catalogue(run.ds);
    return cache.catalogue;
  }

  async function vectors(ref: BlockRef): Promise<Result<{ run: KeptRun; cache: RunCache; set: VectorSet }>> {
    const o = open(ref.runHandle);
    if (!o) return fail(GONE);
    const block = (await o.cache.blocks).find((b) => b.name === ref.block);
    if (!block) return fail(`That model has no '${ref.block}' vectors.`);
    const set = { n: block.vectors.length / block.dim, dim: block.dim, vectors: block.vectors };
    return { ok: true, value: { ...o, set } };
  }

  /** Every item's k nearest (at least AGREEMENT_K), computed once per block and distance. */
  async function allPairs(ref: SourceRef, k = AGREEMENT_K) {
    const v = await vectors(ref);
    if (!v.ok) return v;
    const { cache, set } = v.value;
    if (set.n < 2) return fail('Neighbours need at least two items.');
    const key = `${ref.block}|${ref.metric}`;
    let entry = cache.neighbours.get(key);
    const want = Math.min(set.n - 1, Math.max(AGREEMENT_K, k));
    if (!entry || (await entry).nb.k < want) {
      const t0 = performance.now();
      entry = nearestNeighbours(set, want, ref.metric).then((nb) => ({ nb, millis: performance.now() - t0 }));
      cache.neighbours.set(key, entry);
      entry.catch(() => cache.neighbours.delete(key));
      return { ok: true as const, value: { ...v.value, ...(await entry), cached: false } };
    }
    return { ok: true as const, value: { ...v.value, ...(await entry), cached: true } };
  }

  function sortedRows(nb: Neighbours, metric: DistanceMetric, sort: NeighbourSort, cat: Catalogue): number[] {
    const order = Array.from({ length: nb.rows }, (_, i) => i);
    const first = (i: number) => (nb.k > 0 ? nb.values[i * nb.k] : NaN);
    const sign = DISTANCES[metric].nearer === 'lower' ? 1 : -1;
    switch (sort) {
      case 'index':
        return order;
      case 'title':
        return order.sort(
          (a, b) => (cat.items[a].title ?? '').localeCompare(cat.items[b].title ?? '') || a - b,
        );
      case 'nearest':
      case 'farthest': {
        const dir = sort === 'nearest' ? sign : -sign;
        return order.sort((a, b) => dir * (first(a) - first(b)) || a - b);
      }
    }
  }

  async function sources(): Promise<SimilaritySource[]> {
    const out: SimilaritySource[] = [];
    for (const runHandle of runs.handles()) {
      const o = open(runHandle);
      if (!o) continue;
      const blocks = await o.cache.blocks;
      if (blocks.length === 0) continue;
      const { run } = o;
      const kind = run.config.model.kind;
      out.push({
        runHandle,
        family: run.family.spec.id,
        stage: run.family.spec.stage,
        kind,
        label: (run.family.spec.labels as Record<string, string>)[kind] ?? kind,
        dataset: { id: run.ds.id, name: run.ds.name },
        nItems: run.model.nItems,
        blocks: blocks.map((b) => ({ name: b.name, dim: b.dim, normalised: b.normalised })),
        hasGenres: (run.ds.items?.genreNames.length ?? 0) > 0,
      });
    }
    return out;
  }

  return {
    similaritySources: sources,

    async neighbourTable(ref: SourceRef, offset: number, limit: number, sort: NeighbourSort) {
      const r = await allPairs(ref);
      if (!r.ok) return r;
      const { run, cache, nb, millis, cached } = r.value;
      const cat = items(run, cache);
      const order = sortedRows(nb, ref.metric, sort, cat);
      const from = Math.max(0, Math.floor(offset));
      const rows: NeighbourRow[] = order.slice(from, from + Math.max(0, Math.min(500, limit))).map((i) => ({
        item: cat.items[i],
        nearest: cat.items[nb.indices[i * nb.k]],
        value: nb.values[i * nb.k],
      }));
      return {
        ok: true as const,
        value: { rows, offset: from, total: nb.rows, computeMillis: millis, cached },
      };
    },

    async searchItems(runHandle: string, query: string, limit: number) {
      const o = open(runHandle);
      if (!o) return fail(GONE);
      const cat = items(o.run, o.cache);
      const hits = searchTitles(cat.search, query, Math.max(1, Math.min(100, limit)), cat.popularity);
      return { ok: true as const, value: hits.map((h) => cat.items[h.item]) };
    },

    async itemNeighbours(ref: SourceRef, item: number, k: number) {
      const v = await vectors(ref);
      if (!v.ok) return v;
      const { run, cache, set } = v.value;
      if (!Number.isInteger(item) || item < 0 || item >= set.n) return fail(`No item ${item}.`);
      const nb = await nearestNeighbours(set, Math.max(1, Math.min(MAX_K, k)), ref.metric, {
        from: item,
        to: item + 1,
      });
      const cat = items(run, cache);
      const neighbours = Array.from(nb.indices, (j, c) => ({ ...cat.items[j], value: nb.values[c] }));
      return { ok: true as const, value: { item: cat.items[item], neighbours } };
    },

    async agreement(metric: DistanceMetric, k: number) {
      const kk = Math.max(1, Math.min(MAX_K, Math.floor(k)));
      const out: SourceAgreement[] = [];
      for (const source of await sources()) {
        if (!source.hasGenres) continue;
        for (const b of source.blocks) {
          const r = await allPairs({ runHandle: source.runHandle, block: b.name, metric }, kk);
          const mask = runs.get(source.runHandle)?.ds.items?.genreMask;
          if (!r.ok || !mask) continue;
          out.push({
            ...genreAgreement(r.value.nb, mask, kk),
            runHandle: source.runHandle,
            block: b.name,
            label: `${source.label} · ${b.name}`,
            metric,
          });
        }
      }
      return out;
    },

    async project(jobId: string, ref: BlockRef, method: ProjectionMethod, onProgress) {
      const progress = throttleProgress(onProgress);
      const report = progress.report;
      const outcome = await runJob<Projection>(
        jobs,
        jobId,
        async (job) => {
          const v = await vectors(ref);
          if (!v.ok) return v;
          const { run, cache, set } = v.value;
          let coords: Float32Array;
          let explained: number[] | null = null;
          if (method.kind === 'pca') {
            report({ phase: 'PCA', done: 0, total: null, unit: '' });
            const p = await pca(set, 2);
            coords = p.coords;
            explained = p.explained;
          } else {
            report({ phase: 'UMAP neighbour graph', done: 0, total: null, unit: '' });
            coords = await umap(set, method, {
              signal: job.signal,
              onProgress: (done, total) => report({ phase: 'UMAP layout', done, total, unit: 'epochs' }),
            });
          }
          const meta = run.ds.items;
          const genreNames = meta?.genreNames ?? [];
          const primaryGenre = meta
            ? primaryGenres(meta.genreMask, genreNames.length)
            : new Int8Array(set.n).fill(-1);
          cache.maps.set(ref.block, {
            coords: coords.slice(),
            primary: Array.from(primaryGenre, (g) => (g >= 0 ? genreNames[g] : '')),
          });
          const titles = items(run, cache).items.map((it) => it.title ?? it.id);
          return { ok: true, value: { method, coords, primaryGenre, genreNames, titles, explained } };
        },
        progress.flush,
      );
      // Comlink transfers what the returned object itself is marked with.
      if (!outcome.ok) return outcome;
      const { coords, primaryGenre } = outcome.value;
      return Comlink.transfer(outcome, [coords.buffer, primaryGenre.buffer] as ArrayBuffer[]);
    },

    async exportProjector(ref: BlockRef) {
      const v = await vectors(ref);
      if (!v.ok) return v;
      const { run, cache, set } = v.value;
      const meta = run.ds.items;
      const primary = meta ? primaryGenres(meta.genreMask, meta.genreNames.length) : null;
      const metadata = projectorMetadata(
        items(run, cache).items.map(label),
        primary && meta ? Array.from(primary, (g) => (g >= 0 ? meta.genreNames[g] : '')) : undefined,
      );
      return { ok: true as const, value: { vectors: projectorVectors(set), metadata } };
    },

    async exportNeighbours(ref: SourceRef, k: number) {
      const kk = Math.max(1, Math.min(MAX_K, Math.floor(k)));
      const r = await allPairs(ref, kk);
      if (!r.ok) return r;
      const { run, cache, nb } = r.value;
      return {
        ok: true as const,
        value: neighboursCsv(items(run, cache).items.map(label), nb, DISTANCES[ref.metric].value, kk),
      };
    },

    async exportCoordinates(ref: BlockRef) {
      const o = open(ref.runHandle);
      if (!o) return fail(GONE);
      const map = o.cache.maps.get(ref.block);
      if (!map) return fail('Draw the map first.');
      return {
        ok: true as const,
        value: coordinatesCsv(items(o.run, o.cache).items.map(label), map.coords, map.primary),
      };
    },
  } satisfies SimilarityApi;
}
