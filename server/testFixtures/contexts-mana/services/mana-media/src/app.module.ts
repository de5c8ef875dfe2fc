import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

// In development .env points S3 at this service's own MinIO (docker-compose.yml in this folder).
@Module({
  imports: [ConfigModule.forRoot({ envFilePath: ['.env'], isGlobal: true })],
})
export class AppModule {}
