import pg from 'pg';

// PGPORT is set by ecosystem.config.cjs from PORTS.POSTGRES (5561 for the Docker container).
export const pool = new pg.Pool({
  host: process.env.PGHOST || 'localhost',
  port: Number(process.env.PGPORT) || 5561,
  user: 'portos',
  password: process.env.PGPASSWORD || 'portos',
  database: 'portos',
  max: 10,
  idleTimeoutMillis: 30000
});
