/**
 * The Similarity stage's state and actions. Sources are the kept runs of every training stage (asked of
 * the worker again whenever one of those stages finishes or clears a run), or a quick MF trained here.
 * The heavy work (all pairs for the table and agreement, the map) waits until the panel is on screen,
 * so a run finishing elsewhere never keeps the worker busy for a panel nobody is reading.
 */
import { AGREEMENT_K, DISTANCE_METRICS, UMAP_DEFAULTS } from '../../../similarity/config';
import type { Result } from '../../../data/types';
import type {
  DistanceMetric,
  NeighbourSort,
  Progress,
  ProjectionMethod,
  SimItem,
} from '../../../worker/protocol';
import { proxy, type LabWorker } from '../../../worker/client';
import { QuickMfRunner } from './quick';
import type { LabHost, StageStore } from '../types';
import { readSettings, writeSettings, type MapMethod, type SimSettings, type UmapChoice } from './settings';
import { asRunsStore, hasBlock, sameRef, TRAINING_STAGES } from './sources';
import type { AgreementState, MapState, SimilarityState, TableState } from './state';

export type * from './state';

/** Rows per page of the neighbour table. */
export const PAGE_SIZE = 20;
/** Matches a search lists. */
export const SEARCH_LIMIT = 8;

type Api = LabWorker['api'];
type Work = 'table' | 'agreement' | 'map';

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A worker call's answer; a call that rejects (the worker threw, or went away) is a reason to show. */
async function ask<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (e) {
    return { ok: false, reason: errorText(e) };
  }
}

const answer = async <T>(value: Promise<T>): Promise<Result<T>> => ({ ok: true, value: await value });

const EMPTY_TABLE: TableState = { page: null, metric: 'cosine', offset: 0, loading: false, error: null };
const EMPTY_MAP: MapState = { job: null, projection: null, ref: null, millis: null, error: null };
const EMPTY_AGREEMENT: AgreementState = { metric: 'cosine', rows: null, loading: false };

export class SimilarityStore implements StageStore {
  private state: SimilarityState;
  private readonly listeners = new Set<() => void>();
  private api: Api | null = null;
  private watching = false;
  private inView = false;
  private readonly pending = new Set<Work>();
  /** Whether the user chose the source; until then the stage follows the newest run. */
  private userChose = false;
  private readonly quickRuns = new Set<string>();
  private readonly seq = { sources: 0, table: 0, pick: 0, agreement: 0, job: 0 };
  private readonly quickMf = new QuickMfRunner((live) => this.set({ quick: { ...this.state.quick, live } }));

  constructor(private readonly host: LabHost) {
    this.state = {
      settings: readSettings(),
      sources: null,
      sourcesError: null,
      runLabels: {},
      selected: null,
      quick: { live: null, error: null, last: null },
      table: EMPTY_TABLE,
      pick: null,
      agreement: EMPTY_AGREEMENT,
      map: EMPTY_MAP,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SimilarityState => this.state;

  private set(patch: Partial<SimilarityState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  attach(api: Api): void {
    this.api = api;
    this.watchTrainingStages();
    void this.refreshSources();
  }

  detach(): void {
    this.api = null;
    this.quickMf.end();
    this.pending.clear();
    this.set({
      sources: null,
      selected: null,
      table: EMPTY_TABLE,
      pick: null,
      agreement: EMPTY_AGREEMENT,
      map: EMPTY_MAP,
    });
  }

  status(): string | undefined {
    const { quick, map, sources } = this.state;
    if (quick.live) return 'Training a quick MF…';
    if (map.job) return 'Drawing the map…';
    const n = sources?.length ?? 0;
    return n ? `${n} source${n > 1 ? 's' : ''}` : undefined;
  }

  /** The panel is on screen (or not): work put off until then starts now. */
  setInView = (inView: boolean): void => {
    this.inView = inView;
    if (!inView) return;
    const work = [...this.pending];
    this.pending.clear();
    if (work.includes('table')) void this.loadTable(this.state.table.offset);
    if (work.includes('agreement')) void this.loadAgreement();
    if (work.includes('map')) void this.drawMap();
  };

  /** True when the work may start now; otherwise it is remembered for when the panel shows. */
  private now(work: Work): boolean {
    if (this.inView) return true;
    this.pending.add(work);
    return false;
  }

  private watchTrainingStages(): void {
    if (this.watching) return;
    this.watching = true;
    for (const { id } of TRAINING_STAGES) {
      const store = asRunsStore(this.host.stageStore(id));
      if (!store) continue;
      let seen = store.getSnapshot().runs;
      store.subscribe(() => {
        const runs = store.getSnapshot().runs;
        if (runs === seen) return;
        seen = runs;
        void this.refreshSources();
      });
    }
  }

  private runLabels(): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const { id, title } of TRAINING_STAGES) {
      const store = asRunsStore(this.host.stageStore(id));
      for (const r of store?.getSnapshot().runs ?? []) labels[r.result.runHandle] = `${title} run #${r.no}`;
    }
    [...this.quickRuns].forEach((h, j) => (labels[h] = `Quick MF #${j + 1}`));
    return labels;
  }

  /** Asks the worker which runs have vectors; keeps the chosen source while it exists. */
  refreshSources = async (prefer?: string): Promise<void> => {
    const api = this.api;
    if (!api) return;
    const req = ++this.seq.sources;
    const r = await ask(() => answer(api.similaritySources()));
    if (req !== this.seq.sources || api !== this.api) return;
    if (!r.ok) {
      this.set({ sourcesError: r.reason });
      return;
    }
    const sources = r.value;
    this.set({ sources, sourcesError: null, runLabels: this.runLabels() });
    void this.loadAgreement();
    const chosen = sources.find((s) => s.runHandle === prefer);
    const { selected } = this.state;
    if (chosen) this.select({ runHandle: chosen.runHandle, block: chosen.blocks[0].name }, false);
    else if (!hasBlock(sources, selected) || !this.userChose) {
      const newest = sources.at(-1);
      this.select(newest ? { runHandle: newest.runHandle, block: newest.blocks[0].name } : null, false);
    }
  };

  /** Shows another source (a run and one of its blocks). */
  select = (ref: SimilarityState['selected'], byUser = true): void => {
    if (byUser) this.userChose = true;
    const prev = this.state.selected;
    if (sameRef(prev, ref) || (prev === null && ref === null)) return;
    const dataset = (r: typeof ref) =>
      this.state.sources?.find((s) => s.runHandle === r?.runHandle)?.dataset.id;
    const keepPick = ref !== null && this.state.pick !== null && dataset(prev) === dataset(ref);
    this.cancelMap();
    this.set({ selected: ref, table: EMPTY_TABLE, map: EMPTY_MAP, pick: keepPick ? this.state.pick : null });
    if (!ref) return;
    void this.loadTable(0);
    if (keepPick && this.state.pick) void this.pick(this.state.pick.index);
    if (this.state.settings.map === 'pca') void this.drawMap();
  };

  private setSettings(patch: Partial<SimSettings>): SimSettings {
    const settings = { ...this.state.settings, ...patch };
    this.set({ settings });
    writeSettings(settings);
    return settings;
  }

  setMetric = (metric: DistanceMetric): void => {
    this.setSettings({ metric });
    void this.loadTable(0);
    void this.loadAgreement();
    if (this.state.pick) void this.pick(this.state.pick.index);
  };

  setSort = (sort: NeighbourSort): void => {
    this.setSettings({ sort });
    void this.loadTable(0);
  };

  setK = (k: number): void => {
    this.setSettings({ k });
    if (this.state.pick) void this.pick(this.state.pick.index);
  };

  setMapMethod = (map: MapMethod): void => {
    this.setSettings({ map });
  };

  setUmap = (umap: UmapChoice): void => {
    this.setSettings({ umap });
  };

  private ref(): { runHandle: string; block: string; metric: DistanceMetric } | null {
    const sel = this.state.selected;
    return sel ? { ...sel, metric: this.state.settings.metric } : null;
  }

  loadTable = async (offset: number): Promise<void> => {
    const api = this.api;
    const ref = this.ref();
    const req = ++this.seq.table;
    this.set({ table: { ...this.state.table, offset, loading: ref !== null, error: null } });
    if (!api || !ref || !this.now('table')) return;
    const sort = this.state.settings.sort;
    const r = await ask(() => api.neighbourTable(ref, offset, PAGE_SIZE, sort));
    if (req !== this.seq.table || api !== this.api) return;
    this.set({
      table: r.ok
        ? { page: r.value, metric: ref.metric, offset, loading: false, error: null }
        : { ...EMPTY_TABLE, offset, error: r.reason },
    });
  };

  /** Titles matching a query in the shown source's catalogue; typos forgiven. */
  search = async (query: string): Promise<SimItem[]> => {
    const api = this.api;
    const sel = this.state.selected;
    if (!api || !sel || query.trim() === '') return [];
    const r = await ask(() => api.searchItems(sel.runHandle, query, SEARCH_LIMIT));
    return r.ok ? r.value : [];
  };

  /** One movie's nearest neighbours (by dense index), for the search, the table and the map. */
  pick = async (index: number): Promise<void> => {
    const api = this.api;
    const ref = this.ref();
    if (!api || !ref) return;
    const req = ++this.seq.pick;
    const k = this.state.settings.k;
    const previous = this.state.pick?.index === index ? this.state.pick : null;
    this.set({
      pick: { index, result: previous?.result ?? null, others: null, loading: true, error: null },
    });
    // The same movie under the other two distances, to show where they part ways.
    const rest = DISTANCE_METRICS.filter((m) => m !== ref.metric);
    const [r, ...others] = await Promise.all(
      [ref.metric, ...rest].map((metric) => ask(() => api.itemNeighbours({ ...ref, metric }, index, k))),
    );
    if (req !== this.seq.pick || api !== this.api) return;
    if (!r.ok) {
      this.set({ pick: { index, result: null, others: null, loading: false, error: r.reason } });
      return;
    }
    const mine = new Set(r.value.neighbours.map((n) => n.item));
    const shared = others.flatMap((o, j) =>
      o.ok
        ? [
            {
              metric: rest[j],
              shared: o.value.neighbours.filter((n) => mine.has(n.item)).length,
            },
          ]
        : [],
    );
    this.set({ pick: { index, result: r.value, others: shared, loading: false, error: null } });
  };

  clearPick = (): void => {
    this.seq.pick++;
    this.set({ pick: null });
  };

  loadAgreement = async (): Promise<void> => {
    const api = this.api;
    const metric = this.state.settings.metric;
    const req = ++this.seq.agreement;
    if (!api || !this.now('agreement')) return;
    this.set({ agreement: { ...this.state.agreement, loading: true } });
    const r = await ask(() => answer(api.agreement(metric, AGREEMENT_K)));
    if (req !== this.seq.agreement || api !== this.api) return;
    // A failed agreement leaves the figures out; the table says what went wrong with the source.
    this.set({ agreement: { metric, rows: r.ok ? r.value : [], loading: false } });
  };

  /** A 2D map of the shown block with the chosen method, in the worker, with progress; any earlier one is cancelled. */
  drawMap = async (): Promise<void> => {
    const api = this.api;
    const ref = this.state.selected;
    if (!api || !ref || !this.now('map')) return;
    this.cancelMap();
    const { map: kind, umap } = this.state.settings;
    const method: ProjectionMethod =
      kind === 'pca' ? { kind: 'pca' } : { kind: 'umap', ...UMAP_DEFAULTS, ...umap };
    const id = `similarity-map-${++this.seq.job}`;
    const keep = sameRef(this.state.map.ref, ref) ? this.state.map : EMPTY_MAP;
    this.set({ map: { ...keep, job: { id, method: kind, progress: null }, error: null } });
    const onProgress = proxy((progress: Progress) => {
      const job = this.state.map.job;
      if (job?.id === id) this.set({ map: { ...this.state.map, job: { ...job, progress } } });
    });
    let out;
    try {
      out = await api.project(id, ref, method, onProgress);
    } catch (e) {
      out = { ok: false as const, reason: errorText(e), cancelled: false };
    }
    if (this.state.map.job?.id !== id) return;
    if (!out.ok) {
      this.set({ map: { ...this.state.map, job: null, error: out.cancelled ? null : out.reason } });
      return;
    }
    this.set({ map: { job: null, projection: out.value, ref, millis: out.millis, error: null } });
  };

  cancelMap = (): void => {
    const job = this.state.map.job;
    if (!job) return;
    void this.api?.cancel(job.id);
    this.set({ map: { ...this.state.map, job: null } });
  };

  /** Trains a quick MF, then shows its vectors. */
  trainQuick = async (): Promise<void> => {
    const api = this.api;
    const lab = this.host.getSnapshot();
    if (!api || !lab.dataset || this.state.quick.live) return;
    this.set({ quick: { ...this.state.quick, error: null } });
    const out = await this.quickMf.run(api, lab.dataset, lab.prepConfig);
    if (!out || api !== this.api) return;
    if (!out.ok) {
      if (!out.cancelled) this.set({ quick: { ...this.state.quick, error: out.reason } });
      return;
    }
    const r = out.value;
    this.quickRuns.add(r.runHandle);
    const last = { runHandle: r.runHandle, seconds: out.millis / 1000, hr: r.metrics['hr@10_full'] ?? null };
    this.set({ quick: { ...this.state.quick, last } });
    await this.refreshSources(r.runHandle);
  };

  cancelQuick = (): void => this.quickMf.cancel(this.api);

  exportProjector = async () => {
    const { api } = this;
    const sel = this.state.selected;
    return api && sel ? ask(() => api.exportProjector(sel)) : null;
  };

  exportNeighbours = async () => {
    const { api } = this;
    const ref = this.ref();
    const k = this.state.settings.k;
    return api && ref ? ask(() => api.exportNeighbours(ref, k)) : null;
  };

  exportCoordinates = async () => {
    const { api } = this;
    const ref = this.state.map.ref;
    return api && ref ? ask(() => api.exportCoordinates(ref)) : null;
  };
}
