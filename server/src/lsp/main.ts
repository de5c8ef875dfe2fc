import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { ILogger } from '../engine/api';
import { PortSchemaServer } from './server';

/**
 * Entry point of `server/out/server.js`: `node server/out/server.js --stdio` for any LSP client
 * (VS Code starts it the same way). Transport flags are read by vscode-languageserver itself.
 */
const connection = createConnection(ProposedFeatures.all);
const logger: ILogger = {
  log(level, message) {
    if (level === 'debug') return;
    const line = `[${level}] ${message}`;
    if (level === 'error') connection.console.error(line);
    else if (level === 'warn') connection.console.warn(line);
    else connection.console.log(line);
  },
};
process.on('uncaughtException', (err) => logger.log('error', `uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (err) => logger.log('error', `unhandled rejection: ${String(err)}`));
new PortSchemaServer(connection, logger);
connection.listen();
