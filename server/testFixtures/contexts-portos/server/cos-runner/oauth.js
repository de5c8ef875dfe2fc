// OAuth for agent providers. The provider sends the browser back to the PortOS API (portos-server),
// which forwards the code to this runner; the runner itself never receives the redirect.
import { randomBytes } from 'node:crypto';

const OAUTH_REDIRECT_PORT = 5555;
const OAUTH_REDIRECT_URI = `http://localhost:${OAUTH_REDIRECT_PORT}/api/cos/oauth/callback`;
const STATE_BYTES = 16;

export function startOAuth(provider = 'anthropic') {
  const state = randomBytes(STATE_BYTES).toString('hex');
  const params = new URLSearchParams({ response_type: 'code', redirect_uri: OAUTH_REDIRECT_URI, state });
  return `https://auth.${provider}.example/oauth/authorize?${params}`;
}
