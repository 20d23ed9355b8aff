/**
 * What a model family says about itself as plain data: its kinds and their labels, defaults, seed presets
 * and the schema of every setting. Pure (no tfjs), so the UI renders forms from it and the CLI builds its
 * flags from it; the builder that turns a config into a model is the family's other half (family.ts).
 */
import type { TrainConfig } from './config';
import type { SectionSchema } from './schema';

/** Everything that defines a run. Plain data: it can live in the URL. */
export interface ExperimentConfig<
  P = unknown,
  M extends { kind: string } = { kind: string },
  T extends TrainConfig = TrainConfig,
  E = unknown,
> {
  prep: P;
  model: M;
  train: T;
  eval: E;
}

export type KindOf<C extends ExperimentConfig> = C['model']['kind'];

export interface ReportedFigure {
  /** A key of the evaluation's flat metrics (accuracy, auc, log_loss, hr@10, ...). */
  metric: string;
  /** The model the figure is for, when not the preset's own (a baseline). */
  model?: string;
  value: number;
  /** Where and on what the seed measured it. */
  source: string;
}

/** A seed notebook's experiment, with the figures it reported attached as data. */
export type Preset<C extends ExperimentConfig = ExperimentConfig> = C & {
  id: string;
  title: string;
  /** The seed notebook it reproduces. */
  seed: string;
  description: string;
  /** The dataset the seed used, as a loader id ('synthetic-random', 'ml-100k', or an upload). */
  dataset: string;
  /** Models the seed runs beside the main one, with their settings (seed 001's LightFM WARP). */
  baselines: Pick<C, 'model' | 'train'>[];
  reported: ReportedFigure[];
  /** What the seed leaves unstated and what we chose, and where we depart from it. */
  notes: string[];
  /** The lesson the preset exists to teach. */
  lesson: string;
};

/** A figure the family's evaluation reports, as tables and the CLI name it. */
export interface MetricSpec {
  key: string;
  label: string;
  /** What it measures, for a tooltip or a CLI label. */
  help?: string;
  higherIsBetter: boolean;
}

export interface FamilySpec<C extends ExperimentConfig = ExperimentConfig> {
  /** 'ncf', 'sequential', 'two-tower'. */
  id: string;
  /** The notebook stage that trains it. */
  stage: string;
  kinds: readonly KindOf<C>[];
  /** Long and short names, and one line on what each kind is. */
  labels: Record<KindOf<C>, string>;
  short: Record<KindOf<C>, string>;
  about: Record<KindOf<C>, string>;
  /** The kind a first visit starts with. */
  defaultKind: KindOf<C>;
  /**
   * Whether the family trains on the Data stage's preparation (threshold, split, negatives), as the NCF
   * stage does, rather than on a preparation of its own.
   */
  sharedPrep: boolean;
  /** Kinds with nothing to train (popularity and other baselines). */
  untrained: readonly KindOf<C>[];
  /** A kind's default experiment, or a preset's settings for it (the preset's data and training). */
  base(kind: KindOf<C>, preset: string | null): C;
  presets: readonly Preset<C>[];
  /** The settings, by section, as forms and flags show them. */
  sections: readonly SectionSchema[];
  /** The figures its evaluation reports, most important first. */
  metrics: readonly MetricSpec[];
}
