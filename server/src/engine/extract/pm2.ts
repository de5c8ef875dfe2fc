import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const pm2Extractor: Extractor = { id: 'pm2', matches: () => false, extract: () => undefined };
