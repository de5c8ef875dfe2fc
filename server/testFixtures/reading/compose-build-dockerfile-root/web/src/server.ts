import express from 'express';

const app = express();
app.use(express.json({ limit: '1mb' }));

app.get('/api/health', (_req, res) => res.status(200).json({ ok: true }));
app.post('/api/seed', (_req, res) => res.status(202).end());

const port = Number(process.env.PORT ?? 7300);
app.listen(port, () => console.log(`web on :${port}`));
