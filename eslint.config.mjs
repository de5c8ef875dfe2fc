// Lint: typescript-eslint's recommended rules everywhere, and the architecture's import rules.
// The engine imports no VS Code, LSP or Node module and nothing from its shells; inside it, each
// layer imports only the layers below it; the shells reach the engine only through its facade.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders of server/src/engine and the engine folders each may import (besides itself and the engine root's text/edit/host). */
const ENGINE_LAYERS = {
  util: [],
  syntax: ['util'],
  plan: ['syntax', 'util'],
  extract: ['syntax', 'util'],
  index: ['extract', 'plan', 'syntax', 'util'],
  topology: ['extract', 'plan', 'syntax', 'util'],
  checks: ['topology', 'extract', 'plan', 'syntax', 'util'],
  allocate: ['topology', 'plan', 'syntax', 'util'],
  config: ['checks', 'topology', 'extract', 'plan', 'syntax', 'util'],
  features: ['config', 'allocate', 'checks', 'topology', 'extract', 'plan', 'syntax', 'util'],
};
/** Engine root files that only the facade and the folders above may import. */
const ENGINE_ROOT_MODULES = ['portEngine', 'api', 'settings'];
/** What a Node script (scripts/, esbuild.mjs) may use without importing it. */
const NODE_GLOBALS = ['process', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'URL', 'URLSearchParams', 'Buffer', 'fetch', 'AbortController', 'performance', 'structuredClone'];

const outsideWorld = {
  paths: builtinModules.map((name) => ({ name, message: 'The engine runs without Node: the host (server/src/node) brings the file system in through IWorkspace.' })),
  patterns: [
    { group: ['node:*'], message: 'The engine runs without Node: the host (server/src/node) brings the file system in through IWorkspace.' },
    { group: ['vscode', 'vscode-*'], message: 'The engine knows no editor or protocol: the shells (lsp/, client/) translate its domain values.' },
    { group: ['**/lsp', '**/lsp/**', '**/cli', '**/cli/**', '**/node', '**/node/**'], message: 'The engine never imports its shells.' },
  ],
};

function layerRules(folder) {
  const allowed = new Set([folder, ...ENGINE_LAYERS[folder]]);
  const above = Object.keys(ENGINE_LAYERS).filter((f) => !allowed.has(f));
  return {
    files: [`server/src/engine/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...outsideWorld,
          patterns: [
            ...outsideWorld.patterns,
            {
              group: [...above.flatMap((f) => [`../${f}`, `../${f}/**`]), ...ENGINE_ROOT_MODULES.map((m) => `../${m}`)],
              message: `engine/${folder} may import only ${[...allowed].join(', ')} (and the engine root's text, edit, host): see ARCHITECTURE.md.`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['**/out/**', '**/build/**', '**/node_modules/**', '.bench/**', '.vscode-test/**', 'examples/**', 'server/testFixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: Object.fromEntries(NODE_GLOBALS.map((name) => [name, 'readonly'])) } },
  // Functions the e2e harness hands to Chromium (page.evaluate) run in the page.
  { files: ['scripts/e2e/workbench.mjs'], languageOptions: { globals: { document: 'readonly', window: 'readonly', NodeFilter: 'readonly' } } },
  { files: ['server/src/engine/**/*.ts'], rules: { 'no-restricted-imports': ['error', outsideWorld] } },
  ...Object.keys(ENGINE_LAYERS).map(layerRules),
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/cli/**/*.ts', 'server/src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/engine/**', '!**/engine/api'], message: 'The shells use the engine through its facade: import from engine/api.' }] },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/src/engine', '**/server/src/engine/**'], message: 'The client talks to the engine only through the language server (server/src/lsp/protocol.ts).' }] },
      ],
    },
  },
);
