import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const shellExtractor: Extractor = { id: 'shell', matches: () => false, extract: () => undefined };
