import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const markdownExtractor: Extractor = { id: 'markdown', matches: () => false, extract: () => undefined };
