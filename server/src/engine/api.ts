/**
 * The engine's public face: the factory and the domain types and values the shells need. The
 * language server, the CLI and the VS Code client import from here and nowhere else in the engine
 * (a lint rule holds them to it).
 */
export { createPortEngine } from './portEngine';
export { isReadByDefaultReaders, standaloneFacts } from './extract/claims';
export type { ConfigWalk, EngineStatus, PortEngine, PortEngineInit, ProgressReporter, ReconcileDirection, RenameSpot } from './portEngine';
export type { CancellationToken, FactsStore, ILogger, IWorkspace, LiveListener, LogLevel, StoredFacts, WorkspaceFile } from './host';
export { noopToken, nulLogger } from './host';
export type { EngineSettings } from './settings';
export type { RuleSettings } from './checks/runChecks';
export { DEFAULT_SEVERITY, RULES, RULE_IDS, SEVERITIES, SEVERITY_RANK, SEVERITY_SETTINGS } from './checks/finding';
export type { Finding, FixKind, RelatedLocation, RuleId, Severity, SeveritySetting } from './checks/finding';
export type { PortEdit, TextEdit } from './edit';
export type { Position, Range } from './text';
export type { CodeAction, CodeActionKind } from './features/codeActions';
export type { PortCompletion } from './features/completion';
export type { ForwardedPortLabels } from './features/forwardedPorts';
export type { PortInfo } from './features/portInfo';
export type { PortNode, PortTree, RangeNode, ServiceNode, TreeSite } from './features/portTree';
export type { PortLink, PortSite, PortSites, SiteGroup } from './features/sites';
export { describeLive } from './features/hover';
export type { HoverResult, LinkFor } from './features/hover';
export type { PlanLens } from './features/planLenses';
export type { BoundPort, MapContext, PortMap, RangeMapEntry, ReferenceEntry, ServiceMapEntry } from './features/portMap';
export type { Reconciliation } from './features/reconcile';
export type { NextFree, PortWindow } from './allocate/nextFree';
