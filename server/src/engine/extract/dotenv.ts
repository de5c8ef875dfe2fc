import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const dotenvExtractor: Extractor = { id: 'dotenv', matches: () => false, extract: () => undefined };
