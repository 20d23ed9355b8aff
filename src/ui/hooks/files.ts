/** File helpers for the Data stage's upload and drop. */
import type { Sniff } from '../../worker/protocol';

export const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.dat', '.data', '.txt', '.zip'];

export const isAccepted = (name: string): boolean => {
  const lower = name.toLowerCase();
  return (
    ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext)) ||
    /^u\d?\.(base|test|item|user|genre)$/.test(lower)
  );
};

/** MovieLens layouts are recognised by the sniffer and skip the column-mapping step. */
export const needsMapping = (sniff: Sniff): boolean => sniff.format === 'generic';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Names that say "item metadata" when a ratings file and a metadata file arrive together. */
const METADATA_NAME = /(movie|item|title|meta|product|book|content|catalog)/i;
const MOVIELENS_NAME =
  /^(u\.(data|item|user|genre|occupation)|u[1-5ab]\.(base|test)|ratings\.dat|movies\.dat|users\.dat)$/i;

/**
 * The file that may need a column mapping: none when a zip or a MovieLens file is among them (the loader knows
 * those layouts), else the one ratings table (of at most a ratings file and a metadata file).
 */
export function ratingsCandidate(files: File[]): File | null {
  if (files.some((f) => /\.zip$/i.test(f.name) || MOVIELENS_NAME.test(f.name))) return null;
  if (files.length === 1) return files[0];
  if (files.length > 2) return null;
  return files.find((f) => !METADATA_NAME.test(f.name)) ?? files[0];
}
