const express = require('express');

const app = express();
const QUEUE_CONCURRENCY = 16;
app.post('/jobs', (_req, res) => res.status(202).json({ concurrency: QUEUE_CONCURRENCY }));
app.listen(process.env.PORT || 4620);
