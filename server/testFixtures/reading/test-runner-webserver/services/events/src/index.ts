const MAX_PAGE = 200;

const server = Bun.serve({
  port: Number(process.env.PORT ?? 4066),
  fetch(req) {
    const url = new URL(req.url);
    if (url.pathname === '/health') return new Response('ok');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), MAX_PAGE);
    return Response.json({ events: [], limit });
  },
});

console.log(`events on ${server.port}`);
