/**
 * Every custom message between the VS Code client and the server, with its types. Both sides
 * import this file (the client through its tsconfig), so a renamed message or a changed result
 * cannot drift apart. Standard LSP covers everything else.
 */
import { NotificationType, RequestType, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol';

/** Commands the server executes (`workspace/executeCommand`); each takes the folder URI first. */
export const ServerCommands = {
  alignCodeWithPlan: 'portSchema.server.alignCodeWithPlan',
  alignPlanWithCode: 'portSchema.server.alignPlanWithCode',
  createPlan: 'portSchema.server.createSchema',
} as const;

/**
 * Commands of the VS Code client that the server names in lenses and code actions. The server also
 * accepts the align ones through `workspace/executeCommand` (an editor without these commands sends
 * them there), but does not advertise them: the client registers them itself.
 */
export const ClientCommands = {
  showSites: 'portSchema.showSites',
  alignCodeWithPlan: 'portSchema.alignCodeWithPlan',
  alignPlanWithCode: 'portSchema.alignPlanWithCode',
} as const;

/** The code action kind of "fix all safe port fixes" (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.portSchema';

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

/** Findings by severity: what the Problems panel shows (errors, warnings, infos) and the hints it hides. */
export interface SeverityCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly hint: number;
}

export interface FolderStatus {
  readonly uri: string;
  readonly planFiles: readonly string[];
  readonly findings: number;
  readonly counts: SeverityCounts;
  readonly services: number;
  /** `portSchema.enable` for this folder: a disabled folder is neither checked nor answered for. */
  readonly enabled: boolean;
}
export interface StatusParams {
  readonly folders: readonly FolderStatus[];
}
export const StatusNotification = new NotificationType<StatusParams>('portSchema/status');

/** Sent with `initializationOptions`. */
export interface InitializationOptions {
  /** Milliseconds to wait after the last edit before re-checking (tests use 0). */
  readonly diagnosticDelay?: number;
  /** The editor's storage for this workspace (`ExtensionContext.storageUri`): facts are cached there between sessions. */
  readonly storagePath?: string;
}

/** A place in a file of a folder, for the tree view and the terminal links. */
export interface SiteLocation {
  readonly uri: string;
  readonly range: Range;
  readonly kind: string;
  /** `on its own`, `Compose project docker-compose.yml`, `the plan`. */
  readonly context: string;
}

export interface TreePort {
  readonly port: number;
  readonly label?: string;
  readonly state: 'bound' | 'planned' | 'unplanned' | 'container';
  readonly contexts: readonly string[];
  readonly sites: readonly SiteLocation[];
}

export interface TreeService {
  readonly name: string;
  readonly project?: string;
  readonly planned: boolean;
  readonly ports: readonly TreePort[];
}

export interface TreeRange {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly purpose?: string;
  readonly location: { readonly uri: string; readonly range: Range };
  readonly services: readonly TreeService[];
  readonly gaps: readonly { readonly start: number; readonly end: number }[];
  readonly reserved: readonly { readonly start: number; readonly end: number }[];
  readonly free: number;
}

export interface FolderTree {
  readonly uri: string;
  readonly planFiles: readonly string[];
  readonly ranges: readonly TreeRange[];
  readonly outside: readonly TreeService[];
}

export interface TreeParams {
  readonly folderUri?: string;
}
export interface TreeResult {
  readonly folders: readonly FolderTree[];
}
/** The Port Map view's content: ranges → services → ports, per folder. */
export const TreeRequest = new RequestType<TreeParams, TreeResult, void>('portSchema/tree');

export interface MarkdownMapResult {
  readonly markdown: string;
}
/** The plan against reality as a Markdown table ("Copy as Markdown"). */
export const MarkdownMapRequest = new RequestType<TreeParams, MarkdownMapResult, void>('portSchema/mapMarkdown');

export interface ReconcileParams {
  readonly folderUri: string;
  readonly direction: 'align-code' | 'align-plan';
}
export interface ReconcilePreview {
  readonly title: string;
  /** The whole change, one undoable edit; absent when there is nothing to change. */
  readonly edit?: WorkspaceEdit;
  /** One line per change for the confirmation (`services/billing/main.go:54 → 4102`). */
  readonly changes: readonly string[];
  readonly files: number;
  readonly unresolved: readonly string[];
}
/** What an align command would change, for the client to show before anything is applied. */
export const ReconcileRequest = new RequestType<ReconcileParams, ReconcilePreview, void>('portSchema/reconcile');

export interface PlanDraftParams {
  readonly folderUri: string;
}
export interface PlanDraftResult {
  /** The plan file(s) the folder has already; then no draft is made. */
  readonly existing: readonly string[];
  /** Where the draft would be saved (`<folder>/ports.yaml`) and its text. */
  readonly uri?: string;
  readonly text?: string;
}
/** A first `ports.yaml` from the ports the code binds, as text: the client opens it unsaved. */
export const PlanDraftRequest = new RequestType<PlanDraftParams, PlanDraftResult, void>('portSchema/planDraft');

export interface PortInfoParams {
  readonly port: number;
}
export interface PortInfoResult {
  readonly port: number;
  readonly listeners: readonly { readonly owner: string; readonly context: string; readonly uri: string; readonly range: Range }[];
  readonly plannedFor: readonly { readonly service: string; readonly uri: string; readonly range: Range }[];
  readonly nextFree?: { readonly port: number; readonly range: string };
  /** `node (pid 812)`: what listens on this machine now (live listeners on). */
  readonly live: readonly string[];
}
/** Who a bare port belongs to in the workspace (every folder), for a terminal's `EADDRINUSE :::4101`. */
export const PortInfoRequest = new RequestType<PortInfoParams, PortInfoResult, void>('portSchema/portInfo');

export interface ForwardedLabelsParams {
  readonly folderUri: string;
}
export interface ForwardedLabelsResult {
  /** The dev container config found, or absent (then `error` says so). */
  readonly uri?: string;
  readonly edit?: WorkspaceEdit;
  readonly labelled: readonly { readonly port: number; readonly label: string }[];
  readonly skipped: readonly number[];
  readonly error?: string;
}
/** `portsAttributes` labels from the plan for `.devcontainer/devcontainer.json`, as an edit the client applies. */
export const ForwardedLabelsRequest = new RequestType<ForwardedLabelsParams, ForwardedLabelsResult, void>('portSchema/forwardedPortLabels');
