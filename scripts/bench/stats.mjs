// Small numeric helpers shared by the bench's parts.

/** Nearest-rank percentiles: with few samples they stay real measurements, not interpolations. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { min: sorted[0], p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1], n: sorted.length };
}

export function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function ms(value) {
  if (value === undefined) return '-';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

export function mb(value) {
  return value === undefined ? '-' : `${value.toFixed(0)} MB`;
}

/** A transient status line on a terminal; nothing in logs or pipes. */
export function progress(what) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${what ? `${what} ...` : ''}`);
}

export function fail(message) {
  progress('');
  console.error(message);
  process.exit(1);
}
