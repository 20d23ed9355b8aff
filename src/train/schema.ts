/**
 * Field schemas: one description of every setting a run takes (type, range, help), read by the UI's
 * forms, the URL reader and the CLI's flags alike, so that the three cannot disagree. Pure: no tfjs.
 */

export interface Choice {
  value: string;
  label: string;
}

interface FieldBase {
  /** Path inside the config's section, e.g. 'gmfDim' or 'pretrain.epochs'. */
  key: string;
  label: string;
  /** One line of help, shown under the field and in `--help`. */
  help: string;
  /** Shown only for these model kinds (all when omitted). */
  kinds?: readonly string[];
  /** Shown only while another setting, by its path from the config's root, has one of these values. */
  when?: { path: string; in: readonly unknown[] };
  /** Collapsed under "advanced settings" in the UI. */
  advanced?: boolean;
  /** The CLI flag, when it is not the key in kebab case (e.g. 'batch' for batchSize). */
  cli?: string;
}

export type FieldSpec =
  | (FieldBase & {
      type: 'int' | 'number';
      min: number;
      max: number;
      /** Shown and typed as a percentage of a 0-1 value. */
      percent?: boolean;
      step?: number;
    })
  | (FieldBase & {
      type: 'enum';
      options: readonly Choice[];
      /** The values each model kind allows, where it does not allow them all (BPR-MF trains with BPR only). */
      only?: Readonly<Record<string, readonly string[]>>;
    })
  | (FieldBase & { type: 'bool' })
  | (FieldBase & { type: 'int-list'; min: number; max: number; maxLength: number })
  /**
   * An optional block (early stopping, pretraining): null when off, else an object with these defaults.
   * Its sub-fields are keyed `<key>.<name>` and shown only while it is on.
   */
  | (FieldBase & { type: 'toggle'; defaults: Record<string, unknown> });

export type Section = 'model' | 'train' | 'eval' | 'prep';

/** A section's fields, for one config object. */
export interface SectionSchema {
  section: Section;
  title: string;
  fields: readonly FieldSpec[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function getPath(obj: unknown, key: string): unknown {
  let cur = obj;
  for (const part of key.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** A copy of `obj` with `key` set; missing parents are created. */
export function setPath<T>(obj: T, key: string, value: unknown): T {
  const [head, ...rest] = key.split('.');
  const base: Record<string, unknown> = isRecord(obj) ? obj : {};
  const next = rest.length === 0 ? value : setPath(base[head] ?? {}, rest.join('.'), value);
  return { ...base, [head]: next } as T;
}

/** The model kind of a whole experiment config. */
const kindOf = (cfg: unknown): string | undefined => {
  const k = getPath(cfg, 'model.kind');
  return typeof k === 'string' ? k : undefined;
};

/** Whether a field means anything for this config (its model kind, and the setting it depends on). */
export function fieldApplies(f: FieldSpec, cfg: unknown): boolean {
  const kind = kindOf(cfg);
  if (f.kinds && kind !== undefined && !f.kinds.includes(kind)) return false;
  return !f.when || f.when.in.includes(getPath(cfg, f.when.path));
}

/** The choices of an enum field for a model kind. */
export function choicesFor(f: FieldSpec & { type: 'enum' }, kind: string | undefined): readonly Choice[] {
  const allowed = kind !== undefined ? f.only?.[kind] : undefined;
  return allowed ? f.options.filter((o) => allowed.includes(o.value)) : f.options;
}

/** Why a value does not fit its field (for a model kind), or null when it does. */
export function fieldProblem(f: FieldSpec, v: unknown, kind?: string): string | null {
  switch (f.type) {
    case 'int':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${f.label} must be a number`;
      if (f.type === 'int' && !Number.isInteger(v)) return `${f.label} must be a whole number`;
      if (v < f.min || v > f.max) return `${f.label} must be between ${f.min} and ${f.max}`;
      return null;
    }
    case 'enum': {
      const options = choicesFor(f, kind);
      return typeof v === 'string' && options.some((o) => o.value === v)
        ? null
        : `${f.label} must be one of ${options.map((o) => o.value).join(', ')}`;
    }
    case 'bool':
      return typeof v === 'boolean' ? null : `${f.label} must be true or false`;
    case 'int-list':
      return Array.isArray(v) &&
        v.length <= f.maxLength &&
        v.every((x) => Number.isInteger(x) && x >= f.min && x <= f.max)
        ? null
        : `${f.label} must be up to ${f.maxLength} whole numbers between ${f.min} and ${f.max}`;
    case 'toggle':
      return v === null || isRecord(v) ? null : `${f.label} must be on or off`;
  }
}

/** The toggle a field sits under ('pretrain' for 'pretrain.epochs'), if any. */
function parentToggle(fields: readonly FieldSpec[], f: FieldSpec): FieldSpec | undefined {
  const dot = f.key.indexOf('.');
  if (dot < 0) return undefined;
  const parent = f.key.slice(0, dot);
  return fields.find((p) => p.key === parent && p.type === 'toggle');
}

/**
 * `input` where each field is valid, else `base`, field by field. The result keeps `base`'s shape, so a
 * hand-edited link or an old URL can never produce a config the engine does not expect. `kind` is the
 * model kind the enum choices are checked for.
 */
export function conformSection<T>(fields: readonly FieldSpec[], base: T, input: unknown, kind?: string): T {
  let out = structuredClone(base);
  for (const f of fields) {
    const parent = parentToggle(fields, f);
    if (parent && getPath(out, parent.key) === null) continue;
    const v = getPath(input, f.key);
    if (v === undefined) continue;
    if (f.type === 'toggle') {
      if (v === null) out = setPath(out, f.key, null);
      else if (isRecord(v) && getPath(out, f.key) === null)
        out = setPath(out, f.key, structuredClone(f.defaults));
      continue;
    }
    if (fieldProblem(f, v, kind) === null) out = setPath(out, f.key, Array.isArray(v) ? [...v] : v);
  }
  return out;
}

/** A whole experiment config: every section conformed to its schema, sections without one taken from `base`. */
export function conformConfig<C extends Record<Section, unknown>>(
  sections: readonly SectionSchema[],
  base: C,
  input: unknown,
): C {
  const kind = kindOf(base);
  const out = { ...structuredClone(base) };
  for (const s of sections) {
    out[s.section] = conformSection(s.fields, base[s.section], getPath(input, s.section), kind) as C[Section];
  }
  return out;
}

/** Every problem of a config against its schema (empty when valid); fields that do not apply are skipped. */
export function validateConfig(sections: readonly SectionSchema[], cfg: unknown): string[] {
  const problems: string[] = [];
  const kind = kindOf(cfg);
  for (const s of sections) {
    const value = getPath(cfg, s.section);
    for (const f of s.fields) {
      if (!fieldApplies(f, cfg)) continue;
      const parent = parentToggle(s.fields, f);
      if (parent && getPath(value, parent.key) === null) continue;
      const v = getPath(value, f.key);
      if (v === undefined) continue;
      const why = fieldProblem(f, v, kind);
      if (why) problems.push(why);
    }
  }
  return problems;
}

/** What differs from `base`, as a JSON-able patch, or undefined when nothing does. */
export function diff(base: unknown, value: unknown): unknown {
  if (isRecord(base) && isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const d = diff(base[k], value[k]);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return JSON.stringify(base) === JSON.stringify(value) ? undefined : value;
}

/** The CLI flag of a field: its alias, or the key in kebab case ('pretrain.epochs' → 'pretrain-epochs'). */
export function cliFlag(f: FieldSpec): string {
  return f.cli ?? f.key.replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A flag's text as the field's value, or why it is not one. */
export function parseFlag(
  f: FieldSpec,
  text: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  const flag = `--${cliFlag(f)}`;
  let v: unknown;
  switch (f.type) {
    case 'int':
    case 'number':
      v = text.trim() === '' ? NaN : Number(text);
      break;
    case 'enum':
      v = text;
      break;
    case 'bool':
      v =
        text === 'true' || text === '1' || text === 'yes'
          ? true
          : text === 'false' || text === '0' || text === 'no'
            ? false
            : text;
      break;
    case 'int-list':
      v = text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      break;
    case 'toggle':
      v = text === 'off' || text === 'false' || text === '0' ? null : text;
      if (v !== null) return { ok: false, reason: `${flag} takes 'off'; set its fields to turn it on` };
      break;
  }
  const why = fieldProblem(f, v);
  return why ? { ok: false, reason: `${flag} '${text}': ${why}` } : { ok: true, value: v };
}
