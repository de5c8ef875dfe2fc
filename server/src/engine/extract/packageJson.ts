import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const packageJsonExtractor: Extractor = { id: 'packageJson', matches: () => false, extract: () => undefined };
