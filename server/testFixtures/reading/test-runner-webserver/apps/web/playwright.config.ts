import { defineConfig, devices } from '@playwright/test';

// The web e2e suite needs the events API: Playwright starts it from its own folder.
export default defineConfig({
  testDir: './e2e',
  timeout: 30_000,
  retries: process.env.CI ? 2 : 0,
  use: { baseURL: 'http://localhost:5180', trace: 'on-first-retry' },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: 'cd ../../services/events && bun run dev',
      url: 'http://localhost:4065/health',
      env: { PORT: '4065', LOG_LEVEL: 'warn' },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      command: 'npm run dev',
      port: 5180,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
