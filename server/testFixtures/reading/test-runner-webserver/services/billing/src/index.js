const express = require('express');

const app = express();
app.post('/invoices', (_req, res) => res.status(201).json({ id: 'inv_1' }));

app.listen(Number(process.env.PORT) || 4070);
