// =============================================================================
// Port Configuration - All ports defined here as single source of truth
// =============================================================================
const PORTS = {
  API: 5555,          // Main API server
  API_LOCAL: 5553,    // Loopback HTTP mirror
  UI: 5554,           // Vite dev server
  BROWSER: {
    CDP: 5556,        // Chrome DevTools Protocol
    HEALTH: 5557      // Browser health check
  },
  COS: 5558
};

const TIMEOUT_MS = 30000; // not a port

module.exports = {
  PORTS, // Export for other configs to reference

  apps: [
    {
      name: 'portos-server',
      script: 'server/index.js',
      max_memory_restart: '500M',
      env: {
        NODE_ENV: 'production',
        PORT: PORTS.API,
        HOST: '0.0.0.0'
      }
    },
    {
      name: 'portos-ui',
      script: 'node_modules/.bin/vite',
      args: `--host 0.0.0.0 --port ${PORTS.UI}`,
      env: { VITE_PORT: PORTS.UI }
    },
    {
      name: 'portos-browser',
      script: 'browser/server.js',
      env: {
        PORT: PORTS.BROWSER.HEALTH,
        CDP_PORT: PORTS.BROWSER.CDP,
        RESTART_DELAY: 4000
      }
    },
    {
      name: 'portos-cos',
      script: 'cos/runner.js',
      // { PORT: 9999 } in a comment is not an app
      env: { PORT: PORTS.COS }
    },
    {
      name: 'portos-autofixer',
      script: 'autofixer/server.js',
      env: { PORT: '5559' }
    },
    {
      name: 'portos-autofixer-ui',
      script: 'autofixer/ui.js',
      args: ['--port', '5560'],
      env: { PORT: process.env.AUTOFIXER_UI_PORT || 5560, LOG_LEVEL: 'info' }
    }
  ]
};
