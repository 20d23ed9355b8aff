import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const pureDirs = ['src/data/**', 'src/models/**', 'src/train/**', 'src/metrics/**', 'src/similarity/**'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', 'test-results', '.gpu'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Components reach the worker only through the one hook that fronts it.
      'no-restricted-globals': ['error', { name: 'Worker', message: 'Use the useLab hook.' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@tensorflow/*'], message: 'The UI thread never runs TensorFlow.js.' }] },
      ],
    },
  },
  {
    files: pureDirs,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'recharts', '*/ui/*', '*/worker/*'],
              message: 'Pure code stays free of React, the DOM and the worker.',
            },
          ],
        },
      ],
    },
  },
);
