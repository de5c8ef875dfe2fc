import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const nginxExtractor: Extractor = { id: 'nginx', matches: () => false, extract: () => undefined };
