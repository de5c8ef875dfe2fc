import { defineConfig } from '@playwright/test';

// Cross-app suite: billing API only, started in its own folder.
export default defineConfig({
  testDir: '.',
  webServer: {
    command: 'npm start',
    cwd: '../services/billing',
    port: 4070,
    timeout: 60_000,
  },
});
