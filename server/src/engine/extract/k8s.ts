import type { Extractor } from './extractor';

// PLACEHOLDER: replaced by the real extractor.
export const kubernetesExtractor: Extractor = { id: 'k8s', matches: () => false, extract: () => undefined };
