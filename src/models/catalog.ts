/**
 * Every model family's spec, pure data (no tfjs): what the UI's stages and the CLI read. A new family
 * adds one line here and one in ./registry.ts.
 */
import type { FamilySpec } from '../train/spec';
import { NCF_SPEC } from './ncf/spec';
import { SEQ_SPEC } from './sequential/spec';
import { TWO_TOWER_SPEC } from './twotower/spec';

export const FAMILY_SPECS: readonly FamilySpec[] = [NCF_SPEC, SEQ_SPEC, TWO_TOWER_SPEC];

export function familySpec(id: string): FamilySpec | undefined {
  return FAMILY_SPECS.find((f) => f.id === id);
}
