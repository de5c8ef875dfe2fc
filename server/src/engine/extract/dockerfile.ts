import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const dockerfileExtractor: Extractor = { id: 'dockerfile', matches: () => false, extract: () => undefined };
