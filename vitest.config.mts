import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The site's `@site/...` imports, as Docusaurus resolves them (the repository root).
  resolve: { alias: { '@site': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['sandbox/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Python programs wait for the emulated network by WebAssembly stack switching (sandbox/cli/python-node.ts).
    execArgv: ['--experimental-wasm-stack-switching'],
  },
});
