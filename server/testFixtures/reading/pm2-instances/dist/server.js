const express = require('express');

const app = express();
app.get('/health', (_req, res) => res.sendStatus(200));
app.listen(Number(process.env.PORT) || 4600, () => console.log(`api instance ${process.env.NODE_APP_INSTANCE}`));
