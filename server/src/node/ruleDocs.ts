import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The rule docs (`docs/rules/<rule>.md`) of the installed package: what the editor links each
 * diagnostic to (`codeDescription.href`) and what SARIF carries (`helpUri`, `help.markdown`).
 * The bundles live in `server/out`, two folders below the package root.
 */
const PACKAGE_ROOT = nodePath.resolve(__dirname, '..', '..');
const DOCS = nodePath.join(PACKAGE_ROOT, 'docs', 'rules');

export interface RuleDoc {
  /** The whole page. */
  readonly markdown: string;
  /** Its first paragraph below the title, as plain text: SARIF's `fullDescription`. */
  readonly summary: string;
}

const cache = new Map<string, RuleDoc | undefined>();

/** The rule's page, or undefined when the package ships none (a trimmed install). */
export function readRuleDoc(rule: string): RuleDoc | undefined {
  if (!cache.has(rule)) {
    const file = nodePath.join(DOCS, `${rule}.md`);
    const markdown = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    cache.set(rule, markdown === undefined ? undefined : { markdown, summary: firstParagraph(markdown) });
  }
  return cache.get(rule);
}

/** The page on the web, where the repository publishes it (for SARIF, read outside this machine). */
export function ruleDocWebUri(rule: string): string {
  return `${repositoryWebUrl()}/blob/main/docs/rules/${rule}.md`;
}

/** Each rule's page as found once: the shipped docs do not change while the server runs. */
const localUris = new Map<string, string>();

/** The page shipped beside the server (a file the editor opens), else the web page. */
export function ruleDocLocalUri(rule: string): string {
  // Asked for every diagnostic the server converts.
  let uri = localUris.get(rule);
  if (uri === undefined) {
    const file = nodePath.join(DOCS, `${rule}.md`);
    uri = existsSync(file) ? pathToFileURL(file).toString() : ruleDocWebUri(rule);
    localUris.set(rule, uri);
  }
  return uri;
}

let repository: string | undefined;

/** `repository.url` of package.json without `git+` and `.git`: the project's home page. */
export function repositoryWebUrl(): string {
  if (repository === undefined) {
    let url: string;
    try {
      const pkg = JSON.parse(readFileSync(nodePath.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { repository?: { url?: string } | string };
      url = (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url) ?? '';
    } catch {
      url = '';
    }
    repository = url.replace(/^git\+/, '').replace(/\.git$/, '') || 'https://example.invalid/port-schema';
  }
  return repository;
}

function firstParagraph(markdown: string): string {
  const body = markdown.replace(/^#[^\n]*\n/, '').trim();
  const paragraph = body.split(/\n\s*\n/)[0] ?? '';
  return paragraph.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
}
