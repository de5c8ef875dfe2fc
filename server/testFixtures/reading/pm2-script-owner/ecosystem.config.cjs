// PM2 apps for the tools box. `npm start` boots all five.
module.exports = {
  apps: [
    {
      name: 'autofixer',
      script: 'autofixer/server.js',
      env: { PORT: 5640, NODE_ENV: 'production' },
      max_memory_restart: '300M',
      restart_delay: 4000,
    },
    {
      name: 'autofixer-ui',
      script: 'autofixer/ui.js',
      env: { PORT: 5641 },
    },
    {
      name: 'autofixer-worker',
      cwd: './autofixer',
      script: 'worker.js',
      env: { METRICS_PORT: 5642 },
    },
    {
      name: 'reports-api',
      cwd: 'apps/reports',
      script: 'npm',
      args: 'run start',
      env: { NODE_ENV: 'production' },
    },
    {
      name: 'scheduler',
      script: './scheduler/index.js',
      instances: 1,
      kill_timeout: 5000,
    },
  ],
};
