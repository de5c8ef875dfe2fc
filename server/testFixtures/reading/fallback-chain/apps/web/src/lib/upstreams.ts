// Server-side upstreams for the web app's API routes.
// Each takes the specific URL first, then the gateway, then a local default.
export const EVENTS_URL = process.env.EVENTS_URL || process.env.GATEWAY_URL || 'http://localhost:4061';

export const SEARCH_URL =
  process.env.SEARCH_URL ??
  process.env.GATEWAY_URL ??
  'http://localhost:4062';

export const AUDIT_URL = process.env.AUDIT_URL || process.env.EVENTS_URL || 'http://localhost:4067';

// Generic names: whoever listens on the default port is the target.
export const UPSTREAM_URL = process.env.UPSTREAM_URL || process.env.BACKEND_URL || 'http://localhost:4062';

export const REQUEST_TIMEOUT_MS = 4060;
