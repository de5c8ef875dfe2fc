import Fastify from 'fastify';
import { sendMail } from '@relay/mailer';

const app = Fastify({ logger: true });

app.post('/send', async (req, reply) => {
  await sendMail(req.body as never);
  return reply.code(202).send();
});

await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 7310) });
