/**
 * What a stage is to the app: a panel, an optional store the lab store builds and attaches to the
 * worker, and a line for the table of contents. The registry (../stages.ts) lists them in reading order.
 */
import type { ComponentType } from 'react';
import type { LabWorker } from '../../worker/client';
import type { PrepConfig } from '../../worker/protocol';
import type { LabState } from '../hooks/labStore';

/** What a stage store may use of the lab store. */
export interface LabHost {
  getSnapshot(): LabState;
  subscribe(listener: () => void): () => void;
  setPrep(patch: Partial<PrepConfig>): void;
  /** Another stage's store, by id (the Similarity stage reads the training stages' runs). */
  stageStore(id: string): StageStore | undefined;
}

export interface StageStore {
  subscribe(listener: () => void): () => void;
  /** The lab store started a worker. */
  attach(api: LabWorker['api']): void;
  /** The worker is going away (a restart, or the page closing). */
  detach(): void;
  /** A line for the table of contents, when there is something to say. */
  status(): string | undefined;
}

export interface StageMeta {
  id: string;
  title: string;
  /** One line for the table of contents. */
  blurb: string;
  /** False for a stage that only says what it will do. */
  ready: boolean;
}

export interface StageDef<S extends StageStore = StageStore> extends StageMeta {
  /** Builds the stage's store on the lab store, for a stage that has one. */
  createStore?: (lab: LabHost) => S;
  Panel: ComponentType<{ stage: StageMeta & { step: number } }>;
}
