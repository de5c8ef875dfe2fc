import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const jsTsExtractor: Extractor = { id: 'jsTs', matches: () => false, extract: () => undefined };
