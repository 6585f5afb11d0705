// End-to-end tests against the production build, in Debian's Chromium (no browser download:
// reference/toolchain.md). `npm run build` must have run; `npm test` does it first.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: process.env['PLAYWRIGHT_JSON_OUTPUT_NAME'] ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: 'http://127.0.0.1:3111',
    headless: true,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node_modules/.bin/docusaurus serve --port 3111 --host 127.0.0.1 --no-open',
    url: 'http://127.0.0.1:3111/',
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
