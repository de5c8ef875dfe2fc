// autofixer API: receives lint reports and opens fix-up branches.
const express = require('express');

const app = express();
app.use(express.json({ limit: '2mb' }));

app.get('/api/runs', (_req, res) => res.json([]));
app.post('/api/runs', (_req, res) => res.status(201).end());

const PORT = process.env.PORT || 5640;
app.listen(PORT, () => console.log(`autofixer api on ${PORT}`));
