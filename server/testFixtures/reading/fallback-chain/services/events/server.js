const express = require('express');

const app = express();
app.get('/events', (_req, res) => res.json({ events: [] }));
app.listen(Number(process.env.PORT) || 4061);
