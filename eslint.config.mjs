// Lint is also where the process boundaries of DESIGN.md are enforced:
// shared/ is platform-free, only the Electron shell imports 'electron',
// and the renderer reaches the rest of the app only through shared/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls',
  'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const nodePatterns = ['node:*', ...nodeBuiltins];

const hostBoundary =
  'electron/host knows only the broker seam (electron/host/broker.ts): it imports its own files and shared/, never electron/ib, ' +
  'another broker, the simulator or the transports. Register broker implementations in electron/app-composition.ts.';

const electronBan = {
  name: 'electron',
  message: 'Only electron/main.ts and electron/preload.ts may import electron (DESIGN.md: the host runs in plain Node).',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The host is broker-agnostic: the composition root hands it the brokers.
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronBan, { name: '@stoqey/ib', message: hostBoundary }],
        patterns: [
          // Any sibling of electron/host (today's and future brokers, simulator, transport, shell files).
          { regex: '^\\.\\./(?!\\.\\./)', message: hostBoundary },
          // The same folders reached from a subfolder of electron/host, or through electron/ by name.
          { regex: '^(\\.\\./){2,}(electron/)?(ib|simulator|webull|transport)(/|$)', message: hostBoundary },
        ],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronBan, 'react', 'react-dom', 'ws', '@stoqey/ib'],
        patterns: [
          { group: nodePatterns, message: 'shared/ is pure TypeScript: no Node modules.' },
          { group: ['../electron/*', '../renderer/*', '../test/*'], message: 'shared/ imports nothing but shared/ and pure libraries.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [electronBan, 'ws', '@stoqey/ib'],
        patterns: [
          { group: nodePatterns, message: 'The renderer has no Node access; talk to main through the bridge.' },
          { group: ['**/electron/**', '**/test/**'], message: 'renderer/ imports only shared/ and its own files.' },
        ],
      }],
    },
  },
);
