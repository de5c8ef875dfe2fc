export const config = {
  cdpPort: 5556,
  navigationTimeoutMs: 30000,
  maxConcurrentPages: 4,
};
