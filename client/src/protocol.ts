// Typed handles for the custom messages the server defines in server/src/lsp/protocol.ts (the one
// place both sides take the method names from).
import { NotificationType, RequestType } from 'vscode-languageclient/node';
import * as server from '../../server/src/lsp/protocol';

export const ServerCommand = server.ServerCommands;
export type NextFreeResult = server.NextFreeResult;
export type RangeSummary = server.RangesResult['ranges'][number];
export type FolderStatus = server.StatusParams['folders'][number];
/** What the align commands return: whether the edit was applied, how many edits, what is left to the user. */
export interface AlignResult {
  applied: boolean;
  edits: number;
  unresolved: string[];
}

export const MapRequest = new RequestType<server.MapParams, server.MapResult, void>(server.MapRequest);
export const RangesRequest = new RequestType<server.RangesParams, server.RangesResult, void>(server.RangesRequest);
export const NextFreeRequest = new RequestType<server.NextFreeParams, server.NextFreeResult, void>(server.NextFreeRequest);
export const StatusNotification = new NotificationType<server.StatusParams>(server.StatusNotification);
