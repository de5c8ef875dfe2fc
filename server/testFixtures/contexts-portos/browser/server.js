// Managed Chrome for browser automation: CDP for agents, a small health API for PortOS.
const { spawn } = require('node:child_process');
const http = require('node:http');

const CDP_PORT = Number(process.env.CDP_PORT) || 5556;
const HEALTH_PORT = Number(process.env.PORT) || 5557;
const CHROME = process.env.CHROME_BIN || '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
const RESTART_BACKOFF_MS = 3000;

let chrome;
function launch() {
  chrome = spawn(CHROME, [
    `--remote-debugging-port=${CDP_PORT}`,
    '--remote-debugging-address=127.0.0.1',
    '--user-data-dir=data/browser-profile',
    '--no-first-run'
  ]);
  chrome.on('exit', () => setTimeout(launch, RESTART_BACKOFF_MS));
}
launch();

http
  .createServer((req, res) => {
    if (req.url !== '/health') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: Boolean(chrome?.pid), cdpPort: CDP_PORT }));
  })
  .listen(HEALTH_PORT, '127.0.0.1');
