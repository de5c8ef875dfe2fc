import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const goExtractor: Extractor = { id: 'go', matches: () => false, extract: () => undefined };
