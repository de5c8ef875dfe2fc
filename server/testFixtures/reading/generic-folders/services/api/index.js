const express = require('express');

const app = express();
app.get('/v1/maps', (_req, res) => res.json({ maps: [], pageSize: 100 }));

app.listen(process.env.PORT || 4302);
