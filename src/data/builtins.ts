/**
 * The built-in datasets, listed once: the Data stage's picker, the URL, the presets, the worker and the
 * CLI all read this list. Pure data; the generators and the MovieLens fetch live with their callers.
 */
import type { PrepConfig } from './types';

export interface BuiltinDataset {
  id: 'ml-100k' | 'synthetic-structured' | 'synthetic-random';
  label: string;
  tag: string;
  facts: string;
  about: string;
}

export const BUILTIN_DATASETS = [
  {
    id: 'ml-100k',
    label: 'MovieLens-100k',
    tag: 'real data',
    facts: '943 users · 1,682 movies · 100,000 ratings',
    about: 'Star ratings from 1997–98, with movie genres, user ages and occupations, and official splits.',
  },
  {
    id: 'synthetic-structured',
    label: 'Structured wellness set',
    tag: 'built in',
    facts: 'wellness content with tastes and sessions',
    about:
      'Users prefer some categories and follow routines (yoga → breathing → meditation), so there is signal to learn.',
  },
  {
    id: 'synthetic-random',
    label: 'Random health content',
    tag: 'built in · seed 000',
    facts: '1,000 users · 500 items · 50,000 clicks',
    about:
      'Interactions drawn uniformly at random. The control experiment: no model can beat chance (AUC ≈ 0.5).',
  },
] as const satisfies readonly BuiltinDataset[];

export type BuiltinId = BuiltinDataset['id'];

export const BUILTIN_IDS: readonly BuiltinId[] = BUILTIN_DATASETS.map((d) => d.id);

export function isBuiltinId(id: unknown): id is BuiltinId {
  return typeof id === 'string' && (BUILTIN_IDS as readonly string[]).includes(id);
}

export function builtinLabel(id: BuiltinId): string {
  return BUILTIN_DATASETS.find((d) => d.id === id)?.label ?? id;
}

/**
 * The one default preparation, shared by the UI and the CLI: every interaction a positive, each user's
 * latest one held out for the test (the NCF paper's protocol) and the one before it for validation,
 * four sampled negatives per positive.
 */
export const DEFAULT_PREP: PrepConfig = {
  implicitThreshold: null,
  strictThreshold: false,
  split: { kind: 'leave-one-out', validation: true },
  negativesPerPositive: 4,
  seed: 42,
};
