/**
 * The notebook's stages in reading order. App, the table of contents and the lab store render and build
 * from this list; a new stage is its own folder under ./stages plus one line here.
 */
import { DATA_STAGE } from './stages/data';
import { NCF_STAGE } from './stages/ncf';
import { SEQUENTIAL_STAGE } from './stages/sequential';
import { SIMILARITY_STAGE } from './stages/similarity';
import { TWO_TOWER_STAGE } from './stages/twotower';
import type { StageDef } from './stages/types';

export const STAGES: readonly StageDef[] = [
  DATA_STAGE,
  NCF_STAGE,
  SEQUENTIAL_STAGE,
  TWO_TOWER_STAGE,
  SIMILARITY_STAGE,
];
