// Live log stream for the operator console. Overmind sets PORT.
const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ port: Number(process.env.PORT) });
wss.on('connection', (s) => s.send('connected'));
