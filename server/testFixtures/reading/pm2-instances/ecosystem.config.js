// Production processes on the app server. nginx balances api across its four instances.
module.exports = {
  apps: [
    {
      name: 'api',
      script: 'dist/server.js',
      instances: 4,
      exec_mode: 'fork',
      increment_var: 'PORT',
      env: {
        PORT: 4600,
        NODE_ENV: 'production',
      },
      max_memory_restart: '512M',
    },
    {
      name: 'realtime',
      script: 'realtime/index.js',
      env: {
        PORT: 4602,
      },
    },
    {
      name: 'jobs',
      script: 'jobs/index.js',
      instances: 4,
      exec_mode: 'cluster',
      env: { PORT: 4620 },
    },
    {
      name: 'ws',
      script: 'ws/index.js',
      instances: 'max',
      exec_mode: 'cluster',
      instance_var: 'INSTANCE_ID',
      env: { PORT: 4630 },
      kill_timeout: 3000,
    },
  ],
};
