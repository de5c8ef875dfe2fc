import type { EnvCopy, FileFacts } from '../extract/extractor';
import type { PortOccurrence } from '../extract/occurrence';
import { isComposePath, isDotenvPath, isEnvTemplatePath } from '../syntax/fileKinds';
import { basename, dirname, joinPath } from '../util/paths';

/**
 * Compose fills `"${WEB_PORT}:80"` from the `.env` in the project's folder. Repositories rarely
 * commit that file: a recipe makes it (`cp env.default .env`), a template documents it
 * (`.env.example`), another file replaces it on one machine (`--env-file prod.env`). This module says,
 * per Compose file, which env file is in effect and ties each value there to the service port it sets.
 */

/** What an env file beside a Compose file is to it. */
export type EnvRole =
  /** Compose reads it: `.env`, or the file a recipe copies to `.env`, or the one template when nothing else is there. */
  | 'effective'
  /** Documents the settings (`.env.example`): a value that disagrees with the effective one is stale. */
  | 'template'
  /** Another machine's settings (`prod.env`): neither a listener here nor documentation. */
  | 'alternative';

/** A `*_PORT=` value in an env file that sets a port of a Compose service. */
export interface EnvPortSetting {
  readonly composeFile: string;
  /** The service's key in that file. */
  readonly service: string;
  readonly side: 'host' | 'container';
  readonly variable: string;
  readonly role: EnvRole;
}

export interface ComposeEnv {
  readonly settings: ReadonlyMap<PortOccurrence, EnvPortSetting>;
  /** Defaults (`${API_PORT:-8010}`) the effective env file sets otherwise: not in effect. */
  readonly overriddenDefaults: ReadonlySet<PortOccurrence>;
  /** Per Compose folder, the effective env file, and the file whose recipe made it so (`Makefile`). */
  readonly effective: ReadonlyMap<string, { readonly file: string; readonly via?: string }>;
}

/** The env settings of every Compose file's variable ports. Pure: the files' facts in, the settings out. */
export function composeEnv(files: ReadonlyMap<string, FileFacts>): ComposeEnv {
  const settings = new Map<PortOccurrence, EnvPortSetting>();
  const overriddenDefaults = new Set<PortOccurrence>();
  const effective = new Map<string, { file: string; via?: string }>();
  const envFilesByDir = new Map<string, string[]>();
  const copies: { readonly from: string; readonly copy: EnvCopy }[] = [];
  for (const [path, facts] of files) {
    for (const copy of facts.envCopies ?? []) copies.push({ from: path, copy });
    if (!isDotenvPath(path)) continue;
    const list = envFilesByDir.get(dirname(path));
    if (list) list.push(path);
    else envFilesByDir.set(dirname(path), [path]);
  }
  for (const [path, facts] of files) {
    if (!isComposePath(path) || !facts.compose) continue;
    const dir = dirname(path);
    const envFiles = envFilesByDir.get(dir);
    const variables = variablesOf(path, facts);
    if (!envFiles || variables.size === 0) continue;
    const chosen = effective.get(dir) ?? effectiveEnv(dir, envFiles, copies);
    if (!chosen) continue;
    effective.set(dir, chosen);
    const setByEffective = new Set<string>();
    for (const envFile of envFiles) {
      const role: EnvRole = envFile === chosen.file ? 'effective' : isEnvTemplatePath(envFile) ? 'template' : 'alternative';
      for (const occ of files.get(envFile)?.occurrences ?? []) {
        const use = occ.key ? variables.get(occ.key) : undefined;
        if (!use || settings.has(occ)) continue;
        settings.set(occ, { composeFile: path, service: use.service, side: use.side, variable: occ.key!, role });
        if (role === 'effective') setByEffective.add(occ.key!);
      }
    }
    for (const occ of facts.occurrences) if (occ.variable && setByEffective.has(occ.variable)) overriddenDefaults.add(occ);
  }
  return { settings, overriddenDefaults, effective };
}

/** The variables a Compose file's ports are written with, and whose port each one sets. */
function variablesOf(path: string, facts: FileFacts): Map<string, { service: string; side: 'host' | 'container' }> {
  const out = new Map<string, { service: string; side: 'host' | 'container' }>();
  for (const service of facts.compose?.services ?? []) {
    for (const v of service.variablePorts) if (!out.has(v.variable)) out.set(v.variable, { service: service.key, side: v.side });
  }
  for (const occ of facts.occurrences) {
    if (occ.variable && occ.ownerHint && occ.file === path && !out.has(occ.variable)) {
      out.set(occ.variable, { service: occ.ownerHint, side: occ.kind === 'publish' ? 'host' : 'container' });
    }
  }
  return out;
}

/**
 * The env file Compose reads in `dir`: its `.env`; else the file a script or recipe copies there
 * (`test -f .env || cp env.default .env`); else its one template, the best word on what `.env` holds.
 */
function effectiveEnv(dir: string, envFiles: readonly string[], copies: readonly { readonly from: string; readonly copy: EnvCopy }[]): { file: string; via?: string } | undefined {
  const dotEnv = joinPath(dir, '.env');
  if (envFiles.includes(dotEnv)) return { file: dotEnv };
  for (const { from, copy } of copies) {
    // Where the command runs is not written down: its own folder, the root, or the project's folder.
    for (const base of new Set([dirname(from), '', dir])) {
      const source = joinPath(base, copy.source);
      if (joinPath(base, dirname(copy.target)) === dir && envFiles.includes(source)) return { file: source, via: from };
    }
  }
  const templates = envFiles.filter((f) => isEnvTemplatePath(f) && basename(f) !== '.env');
  return templates.length === 1 ? { file: templates[0] } : undefined;
}
