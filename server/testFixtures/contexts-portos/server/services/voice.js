// Voice mode: speech-to-text through the local whisper.cpp server (portos-whisper).
// STT_URL is the name the 1.x .env files used; it still wins over the default when set.
import { Router } from 'express';

const WHISPER_URL = process.env.PORTOS_WHISPER_URL || process.env.STT_URL || 'http://127.0.0.1:5563';
const MAX_AUDIO_BYTES = 25 * 1024 * 1024;

export const voiceRouter = Router();

voiceRouter.post('/transcribe', async (req, res) => {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_AUDIO_BYTES) return res.status(413).json({ error: 'audio too large' });
    chunks.push(chunk);
  }
  const form = new FormData();
  form.append('file', new Blob([Buffer.concat(chunks)]), 'audio.wav');
  form.append('response_format', 'json');
  const upstream = await fetch(`${WHISPER_URL}/inference`, { method: 'POST', body: form });
  res.status(upstream.status).json(await upstream.json());
});
