// Demo page script: point it at your own API with API_URL.
const API = process.env.API_URL || 'http://localhost:8082';
const WEB = process.env.WEB_URL || 'http://localhost:8081';

console.log(`widget demo on ${WEB}, talking to ${API}`);
