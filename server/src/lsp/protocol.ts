/**
 * Every custom message between the VS Code client and the server, with its types. Both sides
 * import this file (the client through its tsconfig), so a renamed message or a changed result
 * cannot drift apart. Standard LSP covers everything else.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Commands the server executes (`workspace/executeCommand`); each takes the folder URI first. */
export const ServerCommands = {
  alignCodeWithPlan: 'portSchema.server.alignCodeWithPlan',
  alignPlanWithCode: 'portSchema.server.alignPlanWithCode',
  createPlan: 'portSchema.server.createSchema',
} as const;

/** What the align commands return: whether the edit was applied, how many edits, what is left to the user. */
export interface AlignResult {
  readonly applied: boolean;
  readonly edits: number;
  readonly unresolved: readonly string[];
}

/** What "Create ports.yaml" returns: whether the file was created, and where. */
export interface CreatePlanResult {
  readonly applied: boolean;
  readonly uri?: string;
}

export interface MapParams {
  readonly folderUri?: string;
}
export interface MapResult {
  readonly folders: readonly { uri: string; text: string; json: unknown }[];
}
export const MapRequest = new RequestType<MapParams, MapResult, void>('portSchema/map');

export interface NextFreeParams {
  readonly folderUri?: string;
  readonly range: string;
  readonly count?: number;
}
export interface NextFreeResult {
  readonly ports: readonly number[];
  readonly range?: { name: string; start: number; end: number };
  readonly error?: string;
}
export const NextFreeRequest = new RequestType<NextFreeParams, NextFreeResult, void>('portSchema/nextFree');

export interface RangeSummary {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly used: number;
  readonly free: number;
}
export interface RangesParams {
  readonly folderUri?: string;
}
export interface RangesResult {
  readonly ranges: readonly RangeSummary[];
}
export const RangesRequest = new RequestType<RangesParams, RangesResult, void>('portSchema/ranges');

export interface FolderStatus {
  readonly uri: string;
  readonly planFiles: readonly string[];
  readonly findings: number;
  readonly services: number;
}
export interface StatusParams {
  readonly folders: readonly FolderStatus[];
}
export const StatusNotification = new NotificationType<StatusParams>('portSchema/status');

/** Sent with `initializationOptions`. */
export interface InitializationOptions {
  /** Milliseconds to wait after the last edit before re-checking (tests use 0). */
  readonly diagnosticDelay?: number;
}
