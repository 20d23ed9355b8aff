import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layering, enforced. `no-restricted-imports` matches import strings, not resolved files, so every
// rule is generated per folder depth: from a file `d` folders below `src/<zone>/`, exactly d+1 `../` reach
// `src/`, and `../data/x` from `src/ui/stages/ncf/` (which is `src/ui/stages/data/x`) is not mistaken for
// `src/data/x`. ESLint keeps only the last `no-restricted-imports` that matches a file, so each block
// carries every restriction of its zone. tests/lint/zones.test.ts checks each zone both ways.

// The pure core, bottom layer first, and what each layer may import from it.
const LAYERS = {
  data: { uses: [] },
  tensor: { uses: ['data'] },
  metrics: { uses: ['data'] },
  train: { uses: ['data', 'tensor', 'metrics'] },
  models: { uses: ['data', 'tensor', 'metrics', 'train'] },
  // Similarity gets item vectors as plain arrays: train's types (ItemEmbeddings), never a model.
  similarity: { uses: ['data', 'tensor', 'metrics'], types: ['train'] },
};
const CORE = Object.keys(LAYERS);

// Modules the UI imports as values: no tfjs, and as values only each other (type imports are erased).
const PURE = [
  'src/models/*/config',
  'src/models/*/schema',
  'src/models/*/presets',
  'src/models/*/spec',
  'src/models/catalog',
  'src/train/config',
  'src/train/schema',
  'src/train/spec',
  'src/metrics/config',
  'src/similarity/config',
  'src/data/builtins',
  'src/worker/protocol/*',
];
// Imported as a folder (`../worker/protocol`), which resolves to its index.
const PURE_FOLDERS = ['src/worker/protocol'];

const MAX_DEPTH = 8;
const SOURCES = '*.{ts,tsx}';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const segmentsRe = (segments) => segments.map((s) => (s === '*' ? '[^/]+' : escape(s))).join('/');
const anyOf = (names) => `(?:${names.join('|')})`;
/** `../` repeated `up` times (`./` for none), not followed by a further step up. */
const prefix = (up) => (up === 0 ? '\\./' : `(?:\\.\\./){${up}}`) + '(?!\\.\\.?/)';

const NODE_BUILTINS = `^(?:node:|${anyOf(builtinModules.filter((m) => !m.includes('/')).map(escape))}(?:/|$))`;
const REACT = '^(?:react|react-dom|recharts)(?:/|$)';
const TFJS = '^@tensorflow/';

const MESSAGES = {
  layer: (zone, uses) =>
    uses.length === 0
      ? `src/${zone} is the bottom layer: it imports nothing else from src/.`
      : `src/${zone} may import only ${uses.map((u) => `src/${u}`).join(', ')} from src/.`,
  typesOnly: (zone, from) =>
    `src/${zone} may import only types from ${from.map((f) => `src/${f}`).join(', ')}.`,
  coreApp: 'The core never imports src/worker, src/ui or src/cli.',
  react: (zone) => `src/${zone} renders nothing: no React or charts (they belong to src/ui).`,
  node: (zone) => `src/${zone} runs in the browser: no Node built-ins (they belong to src/cli).`,
  uiTfjs: 'The UI thread never runs TensorFlow.js.',
  uiCore:
    'The UI imports the core as types, or as values only from its pure modules (config, schema, presets, spec, catalog, builtins); the rest runs in the worker.',
  uiWorker: 'The UI reaches the worker only through src/worker/client and the src/worker/protocol types.',
  uiCli: 'The UI never imports src/cli.',
  worker: 'src/worker never imports src/ui or src/cli.',
  cli: 'src/cli never imports src/ui or src/worker.',
  pure: 'A pure module (the UI imports it) takes no TensorFlow.js and, as values, only other pure modules.',
};

const rule = (regex, message, allowTypeImports = false) => ({ regex, message, allowTypeImports });

/** Restrictions for a file `depth` folders below src/<zone>/. */
function zonePatterns(zone, depth) {
  const src = `^${prefix(depth + 1)}`;
  const layer = LAYERS[zone];
  if (layer) {
    const typeOnly = layer.types ?? [];
    const banned = CORE.filter((z) => z !== zone && !layer.uses.includes(z) && !typeOnly.includes(z));
    return [
      ...(banned.length ? [rule(`${src}${anyOf(banned)}(?:/|$)`, MESSAGES.layer(zone, layer.uses))] : []),
      ...(typeOnly.length
        ? [rule(`${src}${anyOf(typeOnly)}(?:/|$)`, MESSAGES.typesOnly(zone, typeOnly), true)]
        : []),
      rule(`${src}(?:worker|ui|cli)(?:/|$)`, MESSAGES.coreApp),
      rule(REACT, MESSAGES.react(zone)),
      rule(NODE_BUILTINS, MESSAGES.node(zone)),
    ];
  }
  if (zone === 'ui') {
    const pure = allowedBelow(['src']);
    return [
      rule(TFJS, MESSAGES.uiTfjs),
      rule(`${src}(?!${anyOf(pure)}$)${anyOf(CORE)}(?:/|$)`, MESSAGES.uiCore, true),
      rule(`${src}(?!worker/(?:client|protocol(?:/[^/]+)?)$)worker(?:/|$)`, MESSAGES.uiWorker),
      rule(`${src}cli(?:/|$)`, MESSAGES.uiCli),
      rule(NODE_BUILTINS, MESSAGES.node(zone)),
    ];
  }
  if (zone === 'worker') {
    return [
      rule(`${src}(?:ui|cli)(?:/|$)`, MESSAGES.worker),
      rule(REACT, MESSAGES.react(zone)),
      rule(NODE_BUILTINS, MESSAGES.node(zone)),
    ];
  }
  return [rule(`${src}(?:ui|worker)(?:/|$)`, MESSAGES.cli), rule(REACT, MESSAGES.react(zone))];
}

/** The pure modules (and pure folders) below `base`, as regex sources relative to it. */
function allowedBelow(base) {
  const below = (path) => {
    const segments = path.split('/');
    const inside = base.every((s, i) => segments[i] === s) && segments.length > base.length;
    return inside ? [segmentsRe(segments.slice(base.length))] : [];
  };
  return [...PURE, ...PURE_FOLDERS].flatMap(below);
}

/** Value imports a pure module in folder `dir` may not make: tfjs, and any relative path that is not pure. */
function purePatterns(dir) {
  const segments = dir.split('/');
  const patterns = [rule(TFJS, MESSAGES.pure, true)];
  for (let up = 0; up < segments.length; up++) {
    const base = segments.slice(0, segments.length - up);
    const allowed = allowedBelow(base);
    const notAllowed = allowed.length ? `(?!${anyOf(allowed)}$)` : '';
    const isPureFolder = PURE_FOLDERS.includes(base.join('/'));
    const bare = up === 0 ? '\\.' : ['\\.\\.', ...Array(up - 1).fill('\\.\\.')].join('/');
    const alternatives = [`${prefix(up)}${notAllowed}`, ...(isPureFolder ? [] : [`${bare}$`])];
    patterns.push(rule(`^${anyOf(alternatives)}`, MESSAGES.pure, true));
  }
  return patterns;
}

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const zones = [...CORE, 'ui', 'worker', 'cli'].flatMap((zone) =>
  Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
    files: [`src/${zone}/${'*/'.repeat(depth)}${SOURCES}`],
    rules: restrict(zonePatterns(zone, depth)),
  })),
);

const pureModules = PURE.map((path) => {
  const segments = path.split('/');
  const dir = segments.slice(0, -1);
  return {
    files: [`${path}.ts`],
    rules: restrict([...zonePatterns(segments[1], dir.length - 2), ...purePatterns(dir.join('/'))]),
  };
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', 'test-results', '.gpu', 'tests/lint/fixtures'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      // Under verbatimModuleSyntax `import { type A } from 'x'` still loads 'x'; only `import type` is erased,
      // which is what lets the UI take the core's types without its code.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  ...zones,
  ...pureModules,
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Components reach the worker only through the one hook that fronts it.
      'no-restricted-globals': ['error', { name: 'Worker', message: 'Use the useLab hook.' }],
      // The import rules see only static imports; a lazy chunk must not bring tfjs in either.
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/^@tensorflow/]', message: MESSAGES.uiTfjs },
      ],
    },
  },
);
