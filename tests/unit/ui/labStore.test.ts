/**
 * The lab store without a real worker: it starts the worker, attaches every stage's store, opens the
 * default dataset, keeps the last good dataset when a load fails, prepares the split after a change,
 * and on a backend restart reloads what was on screen with the stages detached and attached again.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWindow } from '../../helpers/window';

interface Fake {
  api: Record<string, ReturnType<typeof vi.fn>>;
  terminated: boolean;
}

const workers: Fake[] = [];

vi.mock('../../../src/worker/client', () => ({
  proxy: <T>(f: T) => f,
  startLabWorker: () => {
    const summary = (id: string) => ({ handle: `${id}#${workers.length}`, id, name: id, officialSplits: [] });
    const w: Fake = {
      terminated: false,
      api: {
        init: vi.fn(async () => ({ backend: { name: 'cpu' }, cores: 2, tfjsVersion: 'x', startMillis: 1 })),
        movieLensStatus: vi.fn(async () => ({ available: false, files: [], reason: 'offline' })),
        loadBuiltin: vi.fn(async (_job: string, id: string) => ({ ok: true, value: summary(id), millis: 1 })),
        loadFiles: vi.fn(async () => ({
          ok: false,
          reason: 'row 3: rating "x" is not a number',
          cancelled: false,
        })),
        sniff: vi.fn(async () => ({ ok: true, value: { columns: [] } })),
        prepare: vi.fn(async (_j: string, handle: string, config: unknown) => ({
          ok: true,
          value: { handle, config },
          millis: 1,
        })),
        itemCounts: vi.fn(async () => new Int32Array(3)),
        release: vi.fn(),
        cancel: vi.fn(),
      },
    };
    workers.push(w);
    return { api: w.api, terminate: () => (w.terminated = true), onCrash: () => undefined };
  },
}));

const { LabStore } = await import('../../../src/ui/hooks/labStore');

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('the lab store', () => {
  beforeEach(() => {
    workers.length = 0;
    fakeWindow();
  });

  it('starts the worker, attaches the stages and opens the structured set when MovieLens is missing', async () => {
    const lab = new LabStore();
    const ncf = lab.stageStore('ncf');
    expect(ncf).toBeDefined();
    const attach = vi.spyOn(ncf as NonNullable<typeof ncf>, 'attach');
    await lab.start();
    expect(attach).toHaveBeenCalledWith(workers[0].api);
    expect(lab.getSnapshot().phase).toBe('ready');
    expect(lab.getSnapshot().dataset?.id).toBe('synthetic-structured');
    await settle();
    // A load schedules the preparation of its split, with the one default preparation.
    expect(workers[0].api.prepare).toHaveBeenCalled();
    expect(lab.getSnapshot().prep.summary).not.toBeNull();
    expect(lab.getSnapshot().prepConfig.split.kind).toBe('leave-one-out');
  });

  it('keeps the last good dataset when a load fails, and says why', async () => {
    const lab = new LabStore();
    await lab.start();
    const before = lab.getSnapshot().dataset;
    await lab.openFiles([new File(['x'], 'ratings.zip')]);
    expect(lab.getSnapshot().dataset).toBe(before);
    expect(lab.getSnapshot().attempt?.error).toMatch(/row 3/);
  });

  it('restarts on another backend, detaching the stages and loading the same data again', async () => {
    const lab = new LabStore();
    await lab.start();
    const ncf = lab.stageStore('ncf') as NonNullable<ReturnType<typeof lab.stageStore>>;
    const detach = vi.spyOn(ncf, 'detach');
    await lab.setBackendChoice('wasm');
    expect(workers[0].terminated).toBe(true);
    expect(detach).toHaveBeenCalled();
    expect(workers[1].api.init).toHaveBeenCalledWith('wasm');
    expect(workers[1].api.loadBuiltin).toHaveBeenCalledWith(
      expect.any(String),
      'synthetic-structured',
      expect.any(Function),
    );
    expect(new URL(window.location.href).searchParams.get('backend')).toBe('wasm');
  });
});
