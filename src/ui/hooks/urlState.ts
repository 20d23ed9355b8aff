/**
 * Settings that make a result reproducible (dataset, preparation, backend) live in the URL, so a link
 * shared with a class opens the same lab. Every value is validated: a hand-edited URL falls back to defaults.
 */
import { DEFAULT_PREP, isBuiltinId } from '../../data/builtins';
import { BACKEND_CHOICES, type BackendChoice, type BuiltinId, type PrepConfig } from '../../worker/protocol';

export { DEFAULT_PREP };
const BACKEND_KEY = 'reclab.backend';

const params = (): URLSearchParams => new URLSearchParams(window.location.search);

function num(p: URLSearchParams, key: string, min: number, max: number): number | null {
  const raw = p.get(key);
  if (raw === null || raw.trim() === '') return null;
  const v = Number(raw);
  return Number.isFinite(v) && v >= min && v <= max ? v : null;
}

/** The split as the URL writes it: 'loo', 'random' or 'official:<name>'. */
function splitParam(split: PrepConfig['split']): string {
  switch (split.kind) {
    case 'random':
      return 'random';
    case 'official':
      return `official:${split.name}`;
    default:
      return 'loo';
  }
}

export function readPrep(): PrepConfig {
  const p = params();
  const t = p.get('t');
  const split = p.get('split');
  const testFraction = num(p, 'test', 0.01, 0.9) ?? 0.2;
  return {
    implicitThreshold: t === null || t === 'all' ? DEFAULT_PREP.implicitThreshold : num(p, 't', -1e6, 1e6),
    strictThreshold: p.get('strict') === '1',
    split:
      split === 'random'
        ? { kind: 'random', testFraction }
        : split?.startsWith('official:')
          ? { kind: 'official', name: split.slice('official:'.length) }
          : structuredClone(DEFAULT_PREP.split),
    negativesPerPositive: Math.round(num(p, 'neg', 0, 100) ?? DEFAULT_PREP.negativesPerPositive),
    seed: Math.round(num(p, 'seed', 0, 2 ** 31 - 1) ?? DEFAULT_PREP.seed),
  };
}

export function readDataset(): BuiltinId | null {
  const ds = params().get('ds');
  return isBuiltinId(ds) ? ds : null;
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

/** The preparation's differences from the default, so a default link stays clean. */
export function writePrep(c: PrepConfig): void {
  const d = DEFAULT_PREP;
  write({
    t:
      c.implicitThreshold === d.implicitThreshold
        ? null
        : c.implicitThreshold === null
          ? 'all'
          : String(c.implicitThreshold),
    strict: c.strictThreshold ? '1' : null,
    split: splitParam(c.split) === splitParam(d.split) ? null : splitParam(c.split),
    test: c.split.kind === 'random' ? String(c.split.testFraction) : null,
    neg: c.negativesPerPositive === d.negativesPerPositive ? null : String(c.negativesPerPositive),
    seed: c.seed === d.seed ? null : String(c.seed),
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
