import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const pythonExtractor: Extractor = { id: 'python', matches: () => false, extract: () => undefined };
