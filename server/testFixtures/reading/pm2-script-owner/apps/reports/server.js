// Weekly usage reports (CSV). Started by PM2 as reports-api (cwd: apps/reports).
const express = require('express');

const app = express();
const MAX_ROWS = 10000;

app.get('/reports/weekly.csv', (_req, res) => {
  res.type('text/csv').send(`week,rows\n2024-W27,${MAX_ROWS}\n`);
});

app.listen(process.env.PORT || 5652);
