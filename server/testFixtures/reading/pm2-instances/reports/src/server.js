const express = require('express');

const app = express();
app.get('/reports/:id', (req, res) => res.json({ id: req.params.id, rows: [] }));
app.listen(process.env.PORT || 4650);
