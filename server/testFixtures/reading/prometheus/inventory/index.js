const express = require('express');
const client = require('prom-client');

client.collectDefaultMetrics({ prefix: 'inventory_' });

const app = express();
app.get('/stock/:sku', (req, res) => res.json({ sku: req.params.sku, qty: 0 }));
app.listen(8080);

// Metrics moved off 9104 in 1.3.0 (it clashed with the sidecar); see CHANGELOG.
const metrics = express();
metrics.get('/metrics', async (_req, res) => res.type(client.register.contentType).send(await client.register.metrics()));
metrics.listen(9105);
