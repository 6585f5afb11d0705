// Lint: TypeScript rules everywhere, and the purity fence for the emulator core:
// sandbox/src may not touch clocks, timers, randomness or the DOM (DESIGN.md, engine principle 1).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const impure = [
  { name: 'setTimeout', message: 'The core has no timers: schedule on the Scheduler.' },
  { name: 'setInterval', message: 'The core has no timers: schedule on the Scheduler.' },
  { name: 'clearTimeout', message: 'The core has no timers.' },
  { name: 'clearInterval', message: 'The core has no timers.' },
  { name: 'queueMicrotask', message: 'The core has no timers.' },
  { name: 'Date', message: 'The core reads no clock: use virtual time (sim/calendar.ts for dates).' },
  { name: 'performance', message: 'The core reads no clock: use virtual time.' },
  { name: 'window', message: 'The core has no DOM.' },
  { name: 'document', message: 'The core has no DOM.' },
  { name: 'navigator', message: 'The core has no DOM.' },
  { name: 'localStorage', message: 'The core has no DOM.' },
  { name: 'fetch', message: 'The core does no I/O.' },
  { name: 'process', message: 'The core runs in a browser too: no Node globals.' },
  { name: 'require', message: 'The core is ES modules only.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', '.docusaurus/**', 'static/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // Processes are generators; many finish without waiting, and that is fine.
      'require-yield': 'off',
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
    },
  },
  // The site runs in the browser; e2e tests run in Node and pass callbacks to the page (page.evaluate).
  { files: ['src/**/*.{js,jsx,mjs,ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['e2e/**/*.{js,mjs,ts}'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    files: ['sandbox/src/**/*.ts'],
    ignores: ['sandbox/src/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...impure],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded Rng (sim/rng.ts).' }],
      'no-restricted-imports': ['error', {
        paths: ['fs', 'path', 'os', 'child_process', 'util', 'crypto'].map((name) => ({ name, message: 'The core runs in a browser worker: no Node modules.' })),
        patterns: [
        { group: ['node:*'], message: 'The core runs in a browser worker: no Node modules.' },
        { group: ['react', 'react-dom', '@xterm/*', 'comlink', '@docusaurus/*'], message: 'The core knows nothing of the UI.' },
        { group: ['**/worker/*', '**/cli/*', '../../src/*'], message: 'The core does not import its drivers.' },
      ] }],
    },
  },
);
