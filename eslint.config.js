import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering of src/ (DESIGN.md "Layout"), enforced below with `no-restricted-imports`:
 * each top-level folder may import only the folders listed here (and itself). A folder not listed
 * as a key imports nothing of ours' layers.
 */
const LAYERS = {
  nlp: [],
  data: ['nlp'],
  train: [],
  models: ['train', 'nlp'],
  ui: [],
  widgets: ['ui', 'models', 'nlp', 'data', 'train'],
  book: ['ui', 'widgets', 'nlp'],
};
const TOP = Object.keys(LAYERS);

/** Packages the pure layers never import (no React, no charts, no DOM glue). */
const UI_PACKAGES = [
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  'react-router-dom',
  'd3',
  'd3-*',
];

/** Browser globals the pure layers never touch (they run under Node in unit tests). */
const BROWSER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'self',
  'Worker',
  'HTMLElement',
  'Element',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'IntersectionObserver',
  'ResizeObserver',
  'getComputedStyle',
  'alert',
].map((name) => ({
  name,
  message: `src/nlp, src/models and src/data run under Node: no browser globals (${name}). Browser APIs belong in src/train (behind guards), src/ui or src/widgets.`,
}));

const up = (n) => '\\.\\./'.repeat(n);

/**
 * One config block per layer and file depth: from `src/<layer>/<k-1 folders>/file.ts`, an import
 * that climbs k levels lands in src/, so `^(\.\./){k}<folder>` names a top-level folder exactly.
 */
function layerRules() {
  const blocks = [];
  for (const [layer, allowed] of Object.entries(LAYERS)) {
    const forbidden = TOP.filter((f) => f !== layer && !allowed.includes(f));
    if (forbidden.length === 0) continue;
    for (let depth = 1; depth <= 5; depth++) {
      const files = [`src/${layer}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`];
      const pure = ['nlp', 'data', 'models', 'train'].includes(layer);
      blocks.push({
        files,
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                {
                  regex: `^${up(depth)}(${forbidden.join('|')})(/|$)`,
                  message: `src/${layer} may import only ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'itself'} (DESIGN.md "Layout": chapters -> widgets -> ui, models, nlp, data, train; models -> train, nlp; nlp imports nothing of ours).`,
                },
                ...(pure
                  ? [
                      {
                        group: UI_PACKAGES,
                        message: `src/${layer} runs under Node and never imports React or d3.`,
                      },
                    ]
                  : []),
                ...(layer === 'widgets' ? widgetPatterns(depth) : []),
              ],
            },
          ],
        },
      });
    }
  }
  return blocks;
}

/**
 * Inside src/widgets: a widget never imports a sibling widget; shared code lives in
 * src/widgets/kit (the training-widget kit) or src/widgets/common (views and services several
 * widgets use). The kit imports no widget and nothing of common.
 */
function widgetPatterns(depth) {
  // depth 1 is src/widgets/x.ts; depth 2 is src/widgets/<folder>/x.ts, whose '../' is src/widgets/.
  if (depth < 2) return [];
  return [
    {
      regex: `^${up(depth - 1)}(?!kit(/|$)|common(/|$))[^./][^/]*(/|$)`,
      message:
        'A widget never imports a sibling widget: move the shared code to src/widgets/common (or src/widgets/kit, src/ui, src/nlp where it belongs).',
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'public/data',
      'coverage',
      'tests/bench/results',
      'test-results',
      'playwright-report',
      '**/*.mdx',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...layerRules(),
  {
    files: ['src/nlp/**/*.ts', 'src/models/**/*.ts', 'src/data/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...BROWSER_GLOBALS] },
  },
  {
    // The kit serves every training widget: it imports no widget and none of common.
    files: ['src/widgets/kit/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!kit(/|$))[^./][^/]*(/|$)',
              message: 'src/widgets/kit imports no widget and nothing of src/widgets/common.',
            },
            {
              regex: `^${up(2)}book(/|$)`,
              message: 'src/widgets may not import src/book.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
