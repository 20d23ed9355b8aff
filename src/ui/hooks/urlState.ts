/**
 * Settings that make a result reproducible (dataset, preparation, backend) live in the URL, so a link
 * shared with a class opens the same lab. Every value is validated: a hand-edited URL falls back to defaults.
 */
import { BACKEND_CHOICES, type BackendChoice, type BuiltinId, type PrepConfig } from '../../worker/protocol';

export const DEFAULT_PREP: PrepConfig = {
  implicitThreshold: 4,
  strictThreshold: false,
  split: { kind: 'random', testFraction: 0.2 },
  negativesPerPositive: 4,
  seed: 42,
};

const BUILTINS: readonly BuiltinId[] = ['ml-100k', 'synthetic-structured', 'synthetic-random'];
const BACKEND_KEY = 'reclab.backend';

const params = (): URLSearchParams => new URLSearchParams(window.location.search);

function num(p: URLSearchParams, key: string, min: number, max: number): number | null {
  const raw = p.get(key);
  if (raw === null || raw.trim() === '') return null;
  const v = Number(raw);
  return Number.isFinite(v) && v >= min && v <= max ? v : null;
}

export function readPrep(): PrepConfig {
  const p = params();
  const t = p.get('t');
  const split = p.get('split');
  const testFraction = num(p, 'test', 0.01, 0.9) ?? 0.2;
  return {
    implicitThreshold: t === 'all' ? null : (num(p, 't', -1e6, 1e6) ?? DEFAULT_PREP.implicitThreshold),
    strictThreshold: p.get('strict') === '1',
    split:
      split === 'loo'
        ? { kind: 'leave-one-out' }
        : split?.startsWith('official:')
          ? { kind: 'official', name: split.slice('official:'.length) }
          : { kind: 'random', testFraction },
    negativesPerPositive: Math.round(num(p, 'neg', 0, 100) ?? DEFAULT_PREP.negativesPerPositive),
    seed: Math.round(num(p, 'seed', 0, 2 ** 31 - 1) ?? DEFAULT_PREP.seed),
  };
}

export function readDataset(): BuiltinId | null {
  const ds = params().get('ds');
  return BUILTINS.find((b) => b === ds) ?? null;
}

/** The URL wins over localStorage, so a shared link shows what its author saw. */
export function readBackendChoice(): BackendChoice {
  const fromUrl = params().get('backend');
  const stored = (() => {
    try {
      return window.localStorage.getItem(BACKEND_KEY);
    } catch {
      return null;
    }
  })();
  return BACKEND_CHOICES.find((c) => c === fromUrl) ?? BACKEND_CHOICES.find((c) => c === stored) ?? 'auto';
}

export function saveBackendChoice(choice: BackendChoice): void {
  try {
    if (choice === 'auto') window.localStorage.removeItem(BACKEND_KEY);
    else window.localStorage.setItem(BACKEND_KEY, choice);
  } catch {
    // Private windows may refuse storage; the URL still carries the choice.
  }
  write({ backend: choice === 'auto' ? null : choice });
}

export function writeDataset(id: BuiltinId | null): void {
  write({ ds: id });
}

export function writePrep(c: PrepConfig): void {
  write({
    t: c.implicitThreshold === null ? 'all' : String(c.implicitThreshold),
    strict: c.strictThreshold ? '1' : null,
    split:
      c.split.kind === 'random'
        ? null
        : c.split.kind === 'leave-one-out'
          ? 'loo'
          : `official:${c.split.name}`,
    test: c.split.kind === 'random' ? String(c.split.testFraction) : null,
    neg: String(c.negativesPerPositive),
    seed: String(c.seed),
  });
}

export const readParam = (key: string): string | null => params().get(key);

/** Sets (or, for null, removes) query parameters without a navigation. */
export function writeParams(values: Record<string, string | null>): void {
  write(values);
}

function write(values: Record<string, string | null>): void {
  const p = params();
  for (const [k, v] of Object.entries(values)) {
    if (v === null) p.delete(k);
    else p.set(k, v);
  }
  const qs = p.toString();
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${qs ? `?${qs}` : ''}${window.location.hash}`,
  );
}
