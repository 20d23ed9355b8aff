/** Fetches the MovieLens-100k files the app serves from `public/data/` (put there by `npm run prepare-data`). */
import type { Progress } from '../data/types';
import type { MovieLensStatus, UploadFile } from './protocol';

const dataRoot = (): URL => new URL(`${import.meta.env.BASE_URL}data/`, self.location.origin);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A string field of the manifest, or null. */
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The manifest is written by a script, but a stale or hand-edited copy must not crash the lab. */
export function parseManifest(json: unknown): MovieLensStatus {
  const entry = isRecord(json) ? json['ml-100k'] : undefined;
  if (!isRecord(entry)) {
    return { available: false, files: [], reason: 'manifest has no ml-100k entry', notice: null };
  }
  const files = Array.isArray(entry.files)
    ? entry.files.filter((f): f is string => typeof f === 'string')
    : [];
  const available = entry.available === true && files.length > 0;
  const reason = text(entry.reason) ?? (available ? null : 'not available');
  return { available, files, reason, notice: text(entry.notice) };
}

export async function movieLensStatus(): Promise<MovieLensStatus> {
  try {
    const res = await fetch(new URL('manifest.json', dataRoot()), { cache: 'no-cache' });
    if (!res.ok) {
      return { available: false, files: [], reason: `no data manifest (HTTP ${res.status})`, notice: null };
    }
    return parseManifest(await res.json());
  } catch (e) {
    return {
      available: false,
      files: [],
      reason: `no data manifest (${e instanceof Error ? e.message : e})`,
      notice: null,
    };
  }
}

/** The files the loader reads: ratings, metadata and the official splits; not README or the shell scripts. */
const WANTED = /^(u\.(data|item|user|genre|occupation)|u[1-5]\.(base|test)|u[ab]\.(base|test))$/;

/** Downloads the wanted files, reporting bytes as they arrive. */
export async function fetchMovieLens(
  status: MovieLensStatus,
  signal: AbortSignal,
  report: (p: Progress) => void,
): Promise<UploadFile[]> {
  const names = status.files.filter((f) => WANTED.test(f));
  const base = new URL('ml-100k/', dataRoot());
  const responses = await Promise.all(names.map((n) => fetch(new URL(n, base), { signal })));
  const bad = responses.findIndex((r) => !r.ok);
  if (bad >= 0) throw new Error(`could not fetch ${names[bad]} (HTTP ${responses[bad].status})`);
  const sizes = responses.map((r) => Number(r.headers.get('content-length') ?? NaN));
  const total = sizes.every(Number.isFinite) ? sizes.reduce((a, b) => a + b, 0) : null;
  let done = 0;
  const files: UploadFile[] = [];
  for (let i = 0; i < names.length; i++) {
    const body = responses[i].body;
    if (!body) throw new Error(`empty response for ${names[i]}`);
    const parts: Uint8Array<ArrayBuffer>[] = [];
    const reader = body.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      parts.push(value);
      done += value.byteLength;
      report({ phase: `Downloading ${names[i]}`, done, total, unit: 'bytes' });
    }
    files.push({ name: names[i], blob: new Blob(parts) });
  }
  return files;
}
