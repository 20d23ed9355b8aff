/**
 * Every model family with its builder: what the worker and the CLI train. A new family adds one line
 * here and one in ./catalog.ts.
 */
import type { ModelFamily } from '../train/family';
import { ncfFamily } from './ncf/family';
import { sequentialFamily } from './sequential/family';
import { twoTowerFamily } from './twotower/family';

// The registry holds families of different config types; each is cast once, here, at the boundary.
export const FAMILIES: readonly ModelFamily[] = [
  ncfFamily as unknown as ModelFamily,
  sequentialFamily as unknown as ModelFamily,
  twoTowerFamily as unknown as ModelFamily,
];

export function family(id: string): ModelFamily | undefined {
  return FAMILIES.find((f) => f.spec.id === id);
}
