/**
 * Custom messages between the VS Code client and the server. Both sides import this file, so a
 * renamed message cannot drift apart. Standard LSP covers everything else.
 */

export const ServerCommands = {
  alignCodeWithPlan: 'portSchema.server.alignCodeWithPlan',
  alignPlanWithCode: 'portSchema.server.alignPlanWithCode',
  createSchema: 'portSchema.server.createSchema',
} as const;

export const MapRequest = 'portSchema/map';
export interface MapParams {
  readonly folderUri?: string;
}
export interface MapResult {
  readonly folders: { uri: string; text: string; json: unknown }[];
}

export const NextFreeRequest = 'portSchema/nextFree';
export interface NextFreeParams {
  readonly folderUri?: string;
  readonly range: string;
  readonly count?: number;
}
export interface NextFreeResult {
  readonly ports: number[];
  readonly range?: { name: string; start: number; end: number };
  readonly error?: string;
}

export const RangesRequest = 'portSchema/ranges';
export interface RangesParams {
  readonly folderUri?: string;
}
export interface RangesResult {
  readonly ranges: { name: string; start: number; end: number; used: number; free: number }[];
}

export const StatusNotification = 'portSchema/status';
export interface StatusParams {
  readonly folders: { uri: string; schemaFiles: string[]; findings: number; services: number }[];
}

/** Sent with `initializationOptions`. */
export interface InitializationOptions {
  /** Milliseconds to wait after the last edit before re-checking (tests use 0). */
  readonly diagnosticDelay?: number;
}
