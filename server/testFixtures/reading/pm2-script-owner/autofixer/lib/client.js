const API = process.env.AUTOFIXER_URL || 'http://localhost:5640';
const TIMEOUT_MS = 3000;

async function listRuns() {
  const res = await fetch(`${API}/api/runs`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  return res.ok ? res.json() : [];
}

module.exports = { listRuns };
