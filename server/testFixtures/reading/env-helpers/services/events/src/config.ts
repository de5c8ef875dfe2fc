function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(value) ? value : fallback;
}

export const config = {
  port: intEnv('PORT', 4069),
  ledgerPort: intEnv('LEDGER_PORT', 4030),
  maxConnections: intEnv('MAX_CONNECTIONS', 4096),
  redisDb: intEnv('REDIS_DB', 2),
  heartbeatMs: intEnv('HEARTBEAT_MS', 25000),
};
