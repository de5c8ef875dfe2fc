import { envInt, envStr } from '@acme/env';

export const PORT = envInt("PORT", 4071);
export const SMTP_HOST = envStr("SMTP_HOST", "localhost");
export const SMTP_PORT = envInt("SMTP_PORT", 1025);
export const RETRY_LIMIT = envInt("RETRY_LIMIT", 5);
