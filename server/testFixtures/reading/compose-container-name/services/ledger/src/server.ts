import Fastify from 'fastify';

const app = Fastify({ logger: true, bodyLimit: 1_048_576 });

app.get('/healthz', async () => ({ ok: true }));

app.post('/entries', async (req, reply) => {
  reply.code(201);
  return { id: crypto.randomUUID() };
});

await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 7211) });
