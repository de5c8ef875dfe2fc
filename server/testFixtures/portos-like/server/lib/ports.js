// Mirror of the PORTS object in ecosystem.config.cjs. The ESM server cannot require() the
// CommonJS config, so the literals are repeated here; server/lib/ports.test.js fails if the
// two drift apart.

export const PORTS = Object.freeze({
  API_LOCAL: 5553,
  UI: 5554,
  API: 5555,
  CDP: 5556,
  HEALTH: 5557,
  COS: 5558,
  AUTOFIXER: 5559,
  AUTOFIXER_UI: 5560,
  POSTGRES_DOCKER: 5561,
  POSTGRES_NATIVE: 5432,
  SCRAPER: 5562,
  SCRAPER_WS: 5564
});

/** The PostgreSQL port for a PGMODE value, as ecosystem.config.cjs resolves it at load time. */
export function resolvePostgresPort(pgMode = process.env.PGMODE || 'docker') {
  return pgMode === 'native' ? PORTS.POSTGRES_NATIVE : PORTS.POSTGRES_DOCKER;
}
