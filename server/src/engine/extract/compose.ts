import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const composeExtractor: Extractor = { id: 'compose', matches: () => false, extract: () => undefined };
