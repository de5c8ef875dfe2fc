import { constantLabel, scanEcosystem } from '../syntax/ecosystem';
import { isEcosystemPath } from '../syntax/fileKinds';
import { dirname, joinPath } from '../util/paths';
import type { Extractor } from './extractor';

/**
 * PM2 ecosystem files, scanned as text (see `scanEcosystem`). Every port an app binds is a `bind`
 * owned by the app. A port bound through `PORTS.API` is recorded at the PORTS entry's digits, the
 * only place its digits are written: once per app and label, and when two apps bind one constant
 * the first app keeps the span (a span is one occurrence). `PORTS.API` itself is resolved for hovers
 * by `resolvePortsReferences`. A constant no app binds here is a declaration, not a listener: `doc`.
 */
export const pm2Extractor: Extractor = {
  id: 'pm2',
  matches: isEcosystemPath,
  extract(file, out) {
    const scan = scanEcosystem(file.text);
    const bound = new Set<string>();
    for (const app of scan.apps) {
      // The app's script file and folder are its code: a port its source defaults to is the app's
      // listener, not a second one. PM2 starts the app directly on the machine: it runs on its own.
      const here = dirname(file.path);
      if (app.script) out.runs.push({ path: joinPath(here, app.script), owner: app.name, scope: 'file' });
      if (app.folder) out.runs.push({ path: joinPath(here, app.folder), owner: app.name, scope: 'folder' });
      out.starts.push(joinPath(here, app.script ?? app.folder ?? '.'));
      for (const site of app.sites) {
        out.add(site.span, 'bind', { ownerHint: app.name, label: site.label, key: site.key });
        if (site.constant) bound.add(site.constant.name);
      }
    }
    for (const constant of scan.constants) {
      if (!bound.has(constant.name)) out.add(constant.span, 'doc', { label: constantLabel(constant.name), key: `PORTS.${constant.name}` });
    }
  },
};
