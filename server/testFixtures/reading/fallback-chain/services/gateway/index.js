const http = require('node:http');
const httpProxy = require('http-proxy');

const proxy = httpProxy.createProxyServer({ proxyTimeout: 15000 });
const routes = {
  '/events': process.env.EVENTS_URL || 'http://localhost:4061',
  '/search': process.env.SEARCH_URL || 'http://localhost:4062',
};

const port = process.env.PORT || process.env.GATEWAY_PORT || 4060;
http
  .createServer((req, res) => {
    const prefix = Object.keys(routes).find((p) => req.url.startsWith(p));
    if (!prefix) return res.writeHead(404).end();
    proxy.web(req, res, { target: routes[prefix] });
  })
  .listen(port);
