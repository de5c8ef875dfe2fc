export interface Mail {
  to: string;
  subject: string;
  body: string;
}

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function sendMail(mail: Mail): Promise<void> {
  if (mail.body.length > MAX_ATTACHMENT_BYTES) throw new Error('mail too large');
}

export async function sendDigest(): Promise<void> {}
