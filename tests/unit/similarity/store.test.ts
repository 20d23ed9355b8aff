/**
 * The Similarity stage's store without a worker: it follows the training stages' runs, shows the newest
 * source until the user picks one, puts the all-pairs work off until the panel is on screen, drops
 * answers overtaken by newer requests, compares a picked movie across distances, and reports a worker
 * call that fails instead of leaving it unhandled.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SimilaritySource } from '../../../src/worker/protocol';
import { fakeWindow } from '../../helpers/window';

vi.mock('../../../src/worker/client', () => ({ proxy: <T>(f: T) => f }));

const { SimilarityStore } = await import('../../../src/ui/stages/similarity/store');
type Store = InstanceType<typeof SimilarityStore>;

const settle = () => new Promise((r) => setTimeout(r, 5));

/** A training stage's store as far as the Similarity stage reads it. */
class FakeRuns {
  private state = { runs: [] as { no: number; result: { runHandle: string } }[] };
  private readonly listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.state;
  attach() {}
  detach() {}
  status() {
    return undefined;
  }
  setRuns(handles: string[]) {
    this.state = { runs: handles.map((runHandle, j) => ({ no: j + 1, result: { runHandle } })) };
    for (const l of this.listeners) l();
  }
}

const source = (runHandle: string, blocks = ['factors']): SimilaritySource => ({
  runHandle,
  family: 'ncf',
  stage: 'ncf',
  kind: 'mf',
  label: 'MF',
  dataset: { id: 'ml-100k', name: 'MovieLens 100K' },
  nItems: 40,
  blocks: blocks.map((name) => ({ name, dim: 8, normalised: false })),
  hasGenres: true,
});

const item = (i: number) => ({ item: i, id: String(i), title: `Movie ${i}`, genres: [], year: 1990 });

function fakeApi(kept: SimilaritySource[]) {
  return {
    similaritySources: vi.fn(async () => kept.slice()),
    neighbourTable: vi.fn(async (_ref: unknown, offset: number) => ({
      ok: true as const,
      value: { rows: [], offset, total: 40, computeMillis: 3, cached: false },
    })),
    agreement: vi.fn(async () => []),
    project: vi.fn(async () => ({ ok: false as const, reason: 'not here', cancelled: false })),
    // Neighbours 1..k under cosine, k+1..2k under the dot product, half of each under Euclidean.
    itemNeighbours: vi.fn(async (ref: { metric: string }, i: number, k: number) => {
      const start = ref.metric === 'cosine' ? 1 : ref.metric === 'dot' ? k + 1 : Math.ceil(k / 2) + 1;
      const neighbours = Array.from({ length: k }, (_, j) => ({ ...item(start + j), value: j }));
      return { ok: true as const, value: { item: item(i), neighbours } };
    }),
    cancel: vi.fn(),
  };
}

function setup(kept: SimilaritySource[]) {
  const ncf = new FakeRuns();
  const host = {
    getSnapshot: () => ({ dataset: null, prepConfig: {} }) as never,
    subscribe: () => () => undefined,
    setPrep: () => undefined,
    stageStore: (id: string) => (id === 'ncf' ? ncf : undefined),
  };
  const store: Store = new SimilarityStore(host);
  const api = fakeApi(kept);
  store.attach(api as never);
  return { store, api, ncf };
}

describe('the Similarity store', () => {
  beforeEach(() => fakeWindow());

  it("follows the training stages' runs and shows the newest until the user picks a source", async () => {
    const kept: SimilaritySource[] = [];
    const { store, ncf } = setup(kept);
    await settle();
    expect(store.getSnapshot().sources).toEqual([]);
    expect(store.getSnapshot().selected).toBeNull();

    kept.push(source('run#1', ['GMF', 'MLP']));
    ncf.setRuns(['run#1']);
    await settle();
    expect(store.getSnapshot().selected).toEqual({ runHandle: 'run#1', block: 'GMF' });
    expect(store.getSnapshot().runLabels).toEqual({ 'run#1': 'NCF run #1' });

    kept.push(source('run#2'));
    ncf.setRuns(['run#1', 'run#2']);
    await settle();
    expect(store.getSnapshot().selected).toEqual({ runHandle: 'run#2', block: 'factors' });

    store.select({ runHandle: 'run#1', block: 'MLP' });
    kept.push(source('run#3'));
    ncf.setRuns(['run#1', 'run#2', 'run#3']);
    await settle();
    expect(store.getSnapshot().selected).toEqual({ runHandle: 'run#1', block: 'MLP' });

    // The chosen run is released: the stage falls back to the newest.
    kept.splice(0, 1);
    ncf.setRuns(['run#2', 'run#3']);
    await settle();
    expect(store.getSnapshot().selected).toEqual({ runHandle: 'run#3', block: 'factors' });
  });

  it('puts the all-pairs work off until the panel is on screen', async () => {
    const { store, api } = setup([source('run#1')]);
    await settle();
    expect(store.getSnapshot().selected).not.toBeNull();
    expect(api.neighbourTable).not.toHaveBeenCalled();
    expect(api.agreement).not.toHaveBeenCalled();
    expect(api.project).not.toHaveBeenCalled();
    store.setInView(true);
    await settle();
    expect(api.neighbourTable).toHaveBeenCalledTimes(1);
    expect(api.agreement).toHaveBeenCalledTimes(1);
    expect(api.project).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().table.page?.total).toBe(40);
    expect(store.getSnapshot().map.error).toBe('not here');
  });

  it('keeps the answer to the latest request when an older one arrives last', async () => {
    const { store, api } = setup([source('run#1')]);
    store.setInView(true);
    await settle();
    const answers: ((offset: number) => void)[] = [];
    api.neighbourTable.mockImplementation(
      (_ref: unknown, offset: number) =>
        new Promise((resolve) =>
          answers.push(() =>
            resolve({ ok: true, value: { rows: [], offset, total: 40, computeMillis: 3, cached: true } }),
          ),
        ),
    );
    const first = store.loadTable(20);
    const second = store.loadTable(40);
    answers[1](40);
    await second;
    answers[0](20);
    await first;
    expect(store.getSnapshot().table.offset).toBe(40);
    expect(store.getSnapshot().table.page?.offset).toBe(40);
  });

  it('compares a picked movie across the three distances', async () => {
    const { store } = setup([source('run#1')]);
    store.setInView(true);
    await settle();
    store.setK(10);
    await store.pick(7);
    const pick = store.getSnapshot().pick;
    expect(pick?.result?.item.title).toBe('Movie 7');
    expect(pick?.others).toEqual([
      { metric: 'euclidean', shared: 5 },
      { metric: 'dot', shared: 0 },
    ]);
  });

  it('reports a worker call that fails', async () => {
    const { store, api } = setup([]);
    api.similaritySources.mockRejectedValueOnce(new Error('the worker is gone'));
    await store.refreshSources();
    expect(store.getSnapshot().sourcesError).toBe('the worker is gone');
  });
});
