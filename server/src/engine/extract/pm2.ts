import { constantLabel, scanEcosystem } from '../syntax/ecosystem';
import { isEcosystemJsonPath, isEcosystemPath } from '../syntax/fileKinds';
import { dirname, joinPath } from '../util/paths';
import type { CodeRun, Extractor } from './extractor';

/**
 * PM2 ecosystem files (`ecosystem.config.js` and the JSON form), scanned as text (see `scanEcosystem`).
 * Every port an app binds is a `bind` owned by the app; with `instances: N` and `increment_var` naming
 * it, the N instances take N consecutive ports (cluster mode without `increment_var` shares one). A port bound through `PORTS.API` is recorded at the PORTS entry's digits, the
 * only place its digits are written: once per app and label, and when two apps bind one constant
 * the first app keeps the span (a span is one occurrence). `PORTS.API` itself is resolved for hovers
 * by `resolvePortsReferences`. A constant no app binds here is a declaration, not a listener: `doc`.
 */
export const pm2Extractor: Extractor = {
  id: 'pm2',
  matches: (path) => isEcosystemPath(path) || isEcosystemJsonPath(path),
  extract(file, out) {
    const scan = scanEcosystem(file.text);
    const bound = new Set<string>();
    for (const app of scan.apps) {
      // The app's script file and folder are its code: a port its source defaults to is the app's
      // listener, not a second one. PM2 starts the app directly on the machine: it runs on its own.
      const here = dirname(file.path);
      // PM2 resolves `cwd` and `script` from where it is started: the ecosystem file's folder, or the root.
      const run = (path: string, scope: CodeRun['scope']) => ({ path: joinPath(here, path), ...(here ? { fromRoot: joinPath(path) } : {}), owner: app.name, scope });
      if (app.script) out.runs.push(run(app.script, 'file'));
      if (app.folder) out.runs.push(run(app.folder, 'folder'));
      out.starts.push(joinPath(here, app.script ?? app.folder ?? '.'));
      for (const site of app.sites) {
        const details = { ownerHint: app.name, label: site.label, key: site.key };
        // `instances: 4` + `increment_var: 'PORT'`: the instances listen on PORT … PORT+3, a range on PORT's digits.
        if (app.instances && app.incrementVar === site.key) out.addRange(site.span, site.port, site.port + app.instances - 1, 'bind', details);
        else out.add(site.span, 'bind', details);
        if (site.constant) bound.add(site.constant.name);
      }
    }
    for (const constant of scan.constants) {
      if (!bound.has(constant.name)) out.add(constant.span, 'doc', { label: constantLabel(constant.name), key: `PORTS.${constant.name}` });
    }
  },
};
