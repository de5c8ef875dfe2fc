const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ port: Number(process.env.PORT) || 4630, maxPayload: 1 << 20 });
wss.on('connection', (socket) => socket.send(`hello from ${process.env.INSTANCE_ID}`));
