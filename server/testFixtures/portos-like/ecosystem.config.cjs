// =============================================================================
// Port Configuration - All ports defined here as single source of truth
// =============================================================================
const PORTS = {
  API_LOCAL: 5553,       // Loopback-only HTTP mirror of the API (HTTPS mode only)
  UI: 5554,              // Vite dev server (React UI), npm run dev only
  API: 5555,             // Main API server, always the user-facing port
  CDP: 5556,             // Chrome DevTools Protocol
  HEALTH: 5557,          // Browser health check API
  COS: 5558,             // CoS Agent Runner (isolated process)
  AUTOFIXER: 5559,       // Autofixer daemon API
  AUTOFIXER_UI: 5560,    // Autofixer web UI
  POSTGRES_DOCKER: 5561, // PostgreSQL Docker container
  POSTGRES_NATIVE: 5432, // System PostgreSQL (native mode)
  SCRAPER: 5562,         // Scraper extension API
  SCRAPER_WS: 5564       // Scraper live feed (WebSocket)
};

// Mode-dependent database port: resolved once, when PM2 loads this file.
const PGMODE = process.env.PGMODE || 'docker';
PORTS.POSTGRES = PGMODE === 'native' ? PORTS.POSTGRES_NATIVE : PORTS.POSTGRES_DOCKER;

const MAX_MEMORY = '512M';

module.exports = {
  PORTS, // Export for other configs to reference

  apps: [
    {
      name: 'portos-server',
      script: 'server/index.js',
      cwd: __dirname,
      max_memory_restart: MAX_MEMORY,
      env: {
        NODE_ENV: 'production',
        PORT: PORTS.API,
        PORTOS_HTTP_PORT: PORTS.API_LOCAL,
        PGPORT: PORTS.POSTGRES
      }
    },
    {
      name: 'portos-ui',
      script: 'node_modules/.bin/vite',
      cwd: `${__dirname}/client`,
      args: `--host 0.0.0.0 --port ${PORTS.UI}`,
      env: {
        VITE_PORT: PORTS.UI
      }
    },
    {
      name: 'portos-browser',
      script: 'browser/index.js',
      restart_delay: 5000,
      env: {
        CDP_PORT: PORTS.CDP,
        PORT: PORTS.HEALTH
      }
    },
    {
      name: 'portos-cos',
      script: 'server/cos-runner/index.js',
      kill_timeout: 30000,
      env: {
        PORT: PORTS.COS
      }
    },
    {
      name: 'portos-autofixer',
      script: 'autofixer/server.js',
      env: {
        PORT: PORTS.AUTOFIXER
      }
    },
    {
      name: 'portos-autofixer-ui',
      script: 'autofixer/ui.js',
      env: {
        PORT: 5565
      }
    },
    {
      name: 'portos-scraper',
      script: 'scraper/index.js',
      instances: 1,
      env: {
        PORT: PORTS.SCRAPER,
        WS_PORT: PORTS.SCRAPER_WS
      }
    }
  ]
};
