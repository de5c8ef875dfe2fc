// Full-text search over relay messages. Not containerised yet: run with `pnpm --filter search start`.
const express = require('express');

const app = express();
const RESULTS_PER_PAGE = 25;

app.get('/search', (req, res) => {
  res.json({ q: req.query.q, limit: RESULTS_PER_PAGE, hits: [] });
});

app.listen(process.env.PORT || 7304);
