// =============================================================================
// PM2 Ecosystem Configuration - ports and app definitions
// =============================================================================
const path = require('path');
const fs = require('fs');

const LOG_DATE_FORMAT = 'YYYY-MM-DDTHH:mm:ss.SSS[Z]';

// PGMODE comes from .env (pm2 does not load it for us): docker (default) or native.
let pgMode = 'docker';
try {
  pgMode = fs.readFileSync(path.join(__dirname, '.env'), 'utf8').match(/^PGMODE=(\S+)/m)?.[1] || pgMode;
} catch { /* no .env: docker */ }

const BASE_ENV = {
  NODE_ENV: 'development',
  TZ: 'UTC'
};

const HELPER_MAX_MEMORY = '512M';

// Every port PortOS opens. Keep docs in README.md in sync.
const PORTS = {
  API: 5555,             // Express API server (HTTPS when a Tailscale cert is present)
  API_LOCAL: 5553,       // Loopback-only HTTP mirror of the API, only when HTTPS is active
  UI: 5554,              // Vite dev server (client), npm run dev only
  CDP: 5556,             // Chrome DevTools Protocol (browser automation)
  CDP_HEALTH: 5557,      // Browser health check endpoint
  COS: 5558,             // Chief of Staff agent runner
  AUTOFIXER: 5559,       // Autofixer API
  AUTOFIXER_UI: 5560,    // Autofixer UI
  POSTGRES_DOCKER: 5561, // PostgreSQL Docker container (host port mapping, docker-compose.yml)
  WHISPER: 5562,         // Loopback whisper.cpp speech-to-text server
  MEMORY: 4061,          // Memory sidecar: kept on the port it had as a standalone app
  POSTGRES: pgMode === 'native' ? 5432 : 5561 // Active PostgreSQL port
};

module.exports = {
  PORTS, // Export for other configs to reference

  apps: [
    {
      name: 'portos-server',
      script: 'server/index.js',
      cwd: __dirname,
      log_date_format: LOG_DATE_FORMAT,
      env: {
        ...BASE_ENV,
        PORT: PORTS.API,
        PORTOS_HTTP_PORT: PORTS.API_LOCAL,
        HOST: '0.0.0.0',
        PGPORT: PORTS.POSTGRES
      },
      watch: false,
      kill_timeout: 12000
    },
    {
      name: 'portos-cos',
      script: 'server/cos-runner/index.js',
      cwd: __dirname,
      env: {
        ...BASE_ENV,
        PORT: PORTS.COS,
        HOST: '127.0.0.1'
      },
      max_restarts: 5,
      min_uptime: '30s',
      restart_delay: 10000,
      kill_timeout: 30000
    },
    {
      name: 'portos-ui',
      script: path.join(__dirname, 'client', 'node_modules', 'vite', 'bin', 'vite.js'),
      cwd: path.join(__dirname, 'client'),
      args: `--host 0.0.0.0 --port ${PORTS.UI}`,
      env: {
        ...BASE_ENV,
        VITE_PORT: PORTS.UI
      },
      max_restarts: 10,
      restart_delay: 15000
    },
    {
      name: 'portos-autofixer',
      script: 'autofixer/server.js',
      cwd: __dirname,
      env: {
        ...BASE_ENV,
        PORT: PORTS.AUTOFIXER
      },
      max_memory_restart: HELPER_MAX_MEMORY,
      restart_delay: 5000
    },
    {
      name: 'portos-autofixer-ui',
      script: 'autofixer/ui.js',
      cwd: __dirname,
      env: {
        ...BASE_ENV,
        PORT: PORTS.AUTOFIXER_UI
      },
      max_memory_restart: HELPER_MAX_MEMORY,
      restart_delay: 5000
    },
    {
      name: 'portos-browser',
      script: 'browser/server.js',
      cwd: __dirname,
      env: {
        ...BASE_ENV,
        CDP_PORT: PORTS.CDP,
        PORT: PORTS.CDP_HEALTH
      },
      max_memory_restart: HELPER_MAX_MEMORY
    },
    {
      name: 'portos-whisper',
      script: 'scripts/whisper-server.sh',
      interpreter: 'bash',
      cwd: __dirname,
      env: {
        PORT: PORTS.WHISPER,
        WHISPER_MODEL: 'ggml-large-v3-turbo.bin'
      },
      autorestart: true,
      max_restarts: 3
    },
    {
      name: 'portos-tts',
      script: 'tts/server.py',
      interpreter: 'python3',
      cwd: __dirname,
      env: {
        TTS_VOICE: 'af_heart',
        TTS_SAMPLE_RATE: '24000'
      },
      autorestart: true,
      max_restarts: 3
    },
    {
      name: 'portos-memory',
      script: 'memory/server.js',
      cwd: __dirname,
      env: {
        ...BASE_ENV,
        PORT: PORTS.MEMORY,
        MEMORY_DB: path.join(__dirname, 'data', 'memory.sqlite')
      },
      max_memory_restart: HELPER_MAX_MEMORY
    }
  ]
};
