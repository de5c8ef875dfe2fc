import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

const THUMBNAIL_SIZES = [160, 480, 1280];

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { bodyParser: true });
  app.enableCors({ origin: true, maxAge: 600 });
  app.setGlobalPrefix('api/v1');
  await app.listen(process.env.PORT ?? 3015);
  console.log(`mana-media is running on ${await app.getUrl()} (thumbnails ${THUMBNAIL_SIZES.join('/')})`);
}

bootstrap();
