import type { Extractor } from './extractor';
import { composeExtractor } from './compose';
import { kubernetesExtractor } from './k8s';
import { dotenvExtractor } from './dotenv';
import { dockerfileExtractor } from './dockerfile';
import { packageJsonExtractor } from './packageJson';
import { jsTsExtractor } from './jsTs';
import { pythonExtractor } from './python';
import { goExtractor } from './go';
import { shellExtractor } from './shell';
import { nginxExtractor } from './nginx';
import { markdownExtractor } from './markdown';
import { otherLanguagesExtractor } from './otherLanguages';
import { makefileExtractor } from './makefile';
import { pm2Extractor } from './pm2';
import { prometheusExtractor } from './prometheus';
import { cloudflaredExtractor } from './cloudflared';
import { devcontainerExtractor } from './devcontainer';
import { caddyExtractor } from './caddy';
import { haproxyExtractor } from './haproxy';
import { traefikExtractor } from './traefik';
import { serverConfigExtractor } from './serverConfig';
import { dotnetExtractor } from './dotnet';
import { procfileExtractor } from './procfile';

/** Every file family the engine reads. Order matters only for `declaredName` (first wins). */
export const defaultExtractors: readonly Extractor[] = [
  packageJsonExtractor,
  composeExtractor,
  kubernetesExtractor,
  dotenvExtractor,
  dockerfileExtractor,
  pm2Extractor,
  jsTsExtractor,
  pythonExtractor,
  goExtractor,
  otherLanguagesExtractor,
  serverConfigExtractor,
  dotnetExtractor,
  shellExtractor,
  makefileExtractor,
  procfileExtractor,
  nginxExtractor,
  prometheusExtractor,
  cloudflaredExtractor,
  devcontainerExtractor,
  caddyExtractor,
  haproxyExtractor,
  traefikExtractor,
  markdownExtractor,
];
