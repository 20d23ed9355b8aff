/**
 * A training stage's settings in the URL, under the stage's prefix: the model kind, the preset, the
 * difference from the base config (so a link stays short and readable) and the quick-look cap. A
 * hand-edited link is validated field by field against the family's schema and falls back to the base.
 */
import { conformConfig, diff, fieldProblem, type FieldSpec } from '../../train/schema';
import type { ExperimentConfig, FamilySpec } from '../../train/spec';
import { readParam, writeParams } from '../hooks/urlState';

/** A quick look trains on the users with the lowest ids only; `users` is kept while it is off. */
export interface QuickLook {
  on: boolean;
  users: number;
}

export const QUICK_USERS: FieldSpec = {
  key: 'users',
  label: 'Users',
  type: 'int',
  min: 10,
  max: 1_000_000,
  help: 'How many users (those with the lowest ids) a quick look trains and evaluates on.',
};

export interface StageSettings<C extends ExperimentConfig = ExperimentConfig> {
  kind: string;
  preset: string | null;
  config: C;
  quick: QuickLook;
}

/** `patch` applied to the base config of a kind and preset, every field checked against the schema. */
export function applyPatch<C extends ExperimentConfig>(spec: FamilySpec<C>, base: C, patch: unknown): C {
  return conformConfig(spec.sections, base, patch);
}

/** The config a kind starts from when the user picks it: its base, keeping the training settings that apply. */
export function switchKind<C extends ExperimentConfig>(
  spec: FamilySpec<C>,
  current: C,
  kind: string,
  preset: string | null,
): C {
  const base = spec.base(kind, preset);
  // The training and evaluation settings carry over where the new kind allows them (BPR-MF keeps its loss).
  return applyPatch(spec, base, { train: current.train, eval: current.eval });
}

const key = (prefix: string, name: string) => `${prefix}.${name}`;

export function readStageUrl<C extends ExperimentConfig>(
  spec: FamilySpec<C>,
  prefix: string,
): StageSettings<C> {
  const wanted = readParam(key(prefix, 'model'));
  const kind = spec.kinds.find((k) => k === wanted) ?? spec.defaultKind;
  const presetId = readParam(key(prefix, 'preset'));
  const preset = spec.presets.find((p) => p.id === presetId)?.id ?? null;
  let patch: unknown = undefined;
  try {
    patch = JSON.parse(readParam(key(prefix, 'cfg')) ?? 'null');
  } catch {
    // A mangled link: the base settings it is.
  }
  const users = Number(readParam(key(prefix, 'users')));
  const quick = fieldProblem(QUICK_USERS, users) === null ? { on: true, users } : { on: false, users: 100 };
  return { kind, preset, config: applyPatch(spec, spec.base(kind, preset), patch), quick };
}

export function writeStageUrl<C extends ExperimentConfig>(
  spec: FamilySpec<C>,
  prefix: string,
  s: StageSettings<C>,
): void {
  const base = spec.base(s.kind, s.preset);
  // The shared preparation lives in the Data stage's own URL keys.
  const patch = diff(spec.sharedPrep ? { ...base, prep: null } : base, {
    ...s.config,
    ...(spec.sharedPrep ? { prep: null } : {}),
  });
  writeParams({
    [key(prefix, 'model')]: s.kind === spec.defaultKind && !s.preset ? null : s.kind,
    [key(prefix, 'preset')]: s.preset,
    [key(prefix, 'cfg')]: patch === undefined ? null : JSON.stringify(patch),
    [key(prefix, 'users')]: s.quick.on ? String(s.quick.users) : null,
  });
}
