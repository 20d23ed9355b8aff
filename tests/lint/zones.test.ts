// The layer rules of eslint.config.js, checked both ways: each fixture breaks a zone's rule when linted as
// a file of that zone, and the same text lints clean where the layering allows it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests/lint/fixtures');

const LAYER = {
  data: 'src/data is the bottom layer: it imports nothing else from src/.',
  tensor: 'src/tensor may import only src/data from src/.',
  metrics: 'src/metrics may import only src/data from src/.',
  train: 'src/train may import only src/data, src/tensor, src/metrics from src/.',
  similarity: 'src/similarity may import only src/data, src/tensor, src/metrics from src/.',
};
const SIMILARITY_TYPES = 'src/similarity may import only types from src/train.';
const CORE_APP = 'The core never imports src/worker, src/ui or src/cli.';
const REACT = (zone: string) => `src/${zone} renders nothing: no React or charts`;
const NODE = (zone: string) => `src/${zone} runs in the browser: no Node built-ins`;
const UI_TFJS = 'The UI thread never runs TensorFlow.js.';
const UI_CORE = 'The UI imports the core as types, or as values only from its pure modules';
const UI_WORKER =
  'The UI reaches the worker only through src/worker/client and the src/worker/protocol types.';
const UI_CLI = 'The UI never imports src/cli.';
const PURE =
  'A pure module (the UI imports it) takes no TensorFlow.js and, as values, only other pure modules.';
const CLI = 'src/cli never imports src/ui or src/worker.';
const WORKER = 'src/worker never imports src/ui or src/cli.';

/** The pure modules the UI imports directly, one real file of each kind. */
const PURE_FILES = [
  'src/models/ncf/config.ts',
  'src/models/ncf/schema.ts',
  'src/models/ncf/presets.ts',
  'src/models/ncf/spec.ts',
  'src/models/catalog.ts',
  'src/train/config.ts',
  'src/train/schema.ts',
  'src/train/spec.ts',
  'src/metrics/config.ts',
  'src/similarity/config.ts',
  'src/data/builtins.ts',
  'src/worker/protocol/core.ts',
];

interface Case {
  fixture: string;
  /** Virtual paths where the fixture breaks a rule. */
  violates: readonly string[];
  /** The messages it gets there, in import order (each a prefix of ESLint's custom message). */
  messages: readonly string[];
  /** Virtual paths where the same text lints clean. */
  allowed: readonly string[];
}

const CASES: readonly Case[] = [
  {
    fixture: 'data-imports-models',
    violates: ['src/data/x.ts'],
    messages: [LAYER.data],
    allowed: ['src/worker/x.ts'],
  },
  {
    fixture: 'metrics-imports-models',
    violates: ['src/metrics/x.ts'],
    messages: [LAYER.metrics],
    allowed: ['src/worker/x.ts'],
  },
  {
    fixture: 'train-imports-models',
    violates: ['src/train/sources/x.ts'],
    messages: [LAYER.train],
    allowed: ['src/cli/commands/x.ts', 'src/models/ncf/x.ts'],
  },
  {
    fixture: 'tensor-imports-metrics',
    violates: ['src/tensor/x.ts'],
    messages: [LAYER.tensor],
    allowed: ['src/train/x.ts'],
  },
  {
    fixture: 'similarity-imports-models',
    violates: ['src/similarity/x.ts'],
    messages: [LAYER.similarity],
    allowed: ['src/worker/x.ts'],
  },
  {
    fixture: 'similarity-train-value',
    violates: ['src/similarity/x.ts'],
    messages: [SIMILARITY_TYPES],
    allowed: ['src/models/x.ts'],
  },
  {
    fixture: 'core-imports-react',
    violates: ['src/models/ncf/engine/x.ts'],
    messages: [REACT('models')],
    allowed: ['src/ui/components/x.tsx'],
  },
  {
    fixture: 'core-imports-node-prefixed',
    violates: ['src/train/x.ts'],
    messages: [NODE('train')],
    allowed: ['src/cli/x.ts'],
  },
  {
    fixture: 'core-imports-node-bare',
    violates: ['src/data/parse/x.ts'],
    messages: [NODE('data')],
    allowed: ['src/cli/commands/x.ts'],
  },
  {
    fixture: 'core-imports-worker',
    violates: ['src/metrics/x.ts'],
    messages: [CORE_APP],
    allowed: ['src/ui/x.ts'],
  },
  {
    fixture: 'ui-imports-tfjs',
    violates: ['src/ui/stages/ncf/x.tsx'],
    messages: [UI_TFJS],
    allowed: ['src/tensor/x.ts'],
  },
  { fixture: 'ui-lazy-tfjs', violates: ['src/ui/x.ts'], messages: [UI_TFJS], allowed: ['src/train/x.ts'] },
  {
    fixture: 'ui-imports-loop',
    violates: ['src/ui/training/x.ts'],
    messages: [UI_CORE],
    allowed: ['src/cli/commands/x.ts'],
  },
  {
    fixture: 'ui-imports-loop-deep',
    violates: ['src/ui/stages/ncf/panel/x.tsx'],
    messages: [UI_CORE],
    allowed: ['src/worker/a/b/c/x.ts'],
  },
  {
    fixture: 'ui-type-import',
    violates: ['src/data/x.ts'],
    messages: [LAYER.data],
    allowed: ['src/ui/x.ts', 'src/similarity/x.ts'],
  },
  {
    fixture: 'ui-pure-imports',
    violates: ['src/cli/x.ts'],
    messages: [CLI, CLI],
    allowed: ['src/ui/x.ts'],
  },
  {
    fixture: 'ui-own-data-folder',
    violates: ['src/ui/x.tsx'],
    messages: [UI_CORE],
    allowed: ['src/ui/stages/ncf/x.tsx'],
  },
  {
    fixture: 'ui-imports-worker-internals',
    violates: ['src/ui/x.ts'],
    messages: [UI_WORKER],
    allowed: ['src/worker/x.ts'],
  },
  { fixture: 'ui-imports-cli', violates: ['src/ui/x.ts'], messages: [UI_CLI], allowed: ['src/cli/x.ts'] },
  {
    fixture: 'config-imports-tfjs',
    violates: PURE_FILES,
    messages: [PURE],
    allowed: ['src/models/ncf/family.ts', 'src/worker/training.ts'],
  },
  {
    fixture: 'config-imports-builder',
    violates: ['src/models/ncf/config.ts', 'src/models/ncf/presets.ts'],
    messages: [PURE],
    allowed: ['src/models/ncf/x.ts'],
  },
  {
    fixture: 'protocol-imports-loop',
    violates: ['src/worker/protocol/x.ts'],
    messages: [PURE],
    allowed: ['src/worker/jobs/x.ts'],
  },
  { fixture: 'cli-imports-ui', violates: ['src/cli/x.ts'], messages: [CLI], allowed: ['src/ui/x.ts'] },
  {
    fixture: 'cli-imports-worker',
    violates: ['src/cli/x.ts'],
    messages: [CLI],
    allowed: ['src/worker/x.ts'],
  },
  {
    fixture: 'worker-imports-ui',
    violates: ['src/worker/x.ts'],
    messages: [WORKER],
    allowed: ['src/ui/x.ts'],
  },
];

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });
});

async function lintAs(fixture: string, path: string) {
  const code = readFileSync(join(FIXTURES, `${fixture}.ts`), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result.messages.map((m) => ({ rule: m.ruleId, severity: m.severity, message: m.message }));
}

describe('layer zones', () => {
  it('has a case for every fixture', () => {
    const files = readdirSync(FIXTURES).map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(CASES.map((c) => c.fixture).sort());
  });

  describe.each(CASES)('$fixture', ({ fixture, violates, messages, allowed }) => {
    it.each(violates)('fails lint as %s', async (path) => {
      const found = await lintAs(fixture, path);
      expect(found.map((m) => m.rule)).toEqual(
        messages.map(() => expect.stringMatching(/^no-restricted-(imports|syntax)$/)),
      );
      expect(found.every((m) => m.severity === 2)).toBe(true);
      found.forEach((m, i) => expect(m.message).toContain(messages[i]));
    });

    it.each(allowed)('lints clean as %s', async (path) => {
      expect(await lintAs(fixture, path)).toEqual([]);
    });
  });

  it('puts every source file in a zone', async () => {
    const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => join(ROOT, 'src', f));
    expect(sources.length).toBeGreaterThan(50);
    const unzoned: string[] = [];
    for (const file of sources) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> };
      if (!config.rules?.['no-restricted-imports']) unzoned.push(relative(ROOT, file));
    }
    expect(unzoned).toEqual([]);
  });
});
