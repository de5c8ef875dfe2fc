import { basename, extname } from '../util/paths';
import { isComposePath, isDockerfilePath, isEcosystemPath, isProcfilePath } from './fileKinds';

/**
 * How a file of a family Port Schema reads writes its comments: what a suppression comment may
 * start with there, and how a quick fix writes one. Decided by name, like every file kind.
 */
export interface CommentStyle {
  /** Markers that open a comment in this family (`#`, `//`, `/*`, `<!--`, `;`). */
  readonly openers: readonly string[];
  /** How a new comment is written: a line comment (`# `) or a block (`<!-- ` … ` -->`). */
  readonly write: { readonly open: string; readonly close: string };
  /** A comment may not stand between the lines of a `\`-continued command (shell, Makefile recipes). */
  readonly continuations?: boolean;
  /** A comment line may not stand between the rows of a Markdown table (it would end the table). */
  readonly tables?: boolean;
  /** A comment may follow code on its line; where it may not (Dockerfile, .env), only a line above works. */
  readonly trailing: boolean;
}

const HASH: CommentStyle = { openers: ['#'], write: { open: '# ', close: '' }, trailing: true };
const HASH_OWN_LINE: CommentStyle = { ...HASH, trailing: false };
const SHELL: CommentStyle = { ...HASH, continuations: true };
const SLASHES: CommentStyle = { openers: ['//', '/*'], write: { open: '// ', close: '' }, trailing: true };
const INI: CommentStyle = { openers: ['#', ';'], write: { open: '# ', close: '' }, trailing: false };
const MARKDOWN: CommentStyle = { openers: ['<!--'], write: { open: '<!-- ', close: ' -->' }, tables: true, trailing: true };
/** Vue and Svelte files mix markup and script: a suppression may be either kind, a fix writes none. */
const MIXED: CommentStyle = { openers: ['//', '/*', '<!--'], write: { open: '', close: '' }, trailing: false };

const BY_EXTENSION: Readonly<Record<string, CommentStyle>> = {
  '.js': SLASHES, '.mjs': SLASHES, '.cjs': SLASHES, '.jsx': SLASHES,
  '.ts': SLASHES, '.mts': SLASHES, '.cts': SLASHES, '.tsx': SLASHES,
  '.go': SLASHES, '.java': SLASHES, '.kt': SLASHES, '.kts': SLASHES, '.cs': SLASHES, '.rs': SLASHES, '.php': SLASHES,
  '.jsonc': SLASHES,
  '.vue': MIXED, '.svelte': MIXED, '.mdx': MIXED,
  '.py': HASH, '.pyw': HASH, '.rb': HASH,
  '.yaml': HASH, '.yml': HASH, '.toml': HASH, '.conf': HASH, '.cfg': HASH, '.properties': HASH,
  '.sh': SHELL, '.bash': SHELL, '.zsh': SHELL, '.ksh': SHELL, '.mk': SHELL,
  '.ini': INI,
  '.md': MARKDOWN, '.markdown': MARKDOWN,
};

/** JSON files whose readers accept comments: VS Code's own, TypeScript's, .NET configuration. */
const JSON_WITH_COMMENTS = /^(?:\.?devcontainer\.json|tsconfig(?:\.[\w-]+)?\.json|jsconfig\.json|appsettings(?:\.[\w-]+)?\.json|launchSettings\.json)$/i;
const ENV_FILE = /^(?:\.env(?:\..+)?|.+\.env)$/i;
const MAKEFILE = /^(?:GNUmakefile|[Mm]akefile|[Jj]ustfile)$/;
const NAMED_HASH_FILES = /^(?:Caddyfile(?:\.[\w-]+)?|haproxy\.cfg|nginx\.conf|\.?envrc)$/i;

/** The comment style of a file, or undefined for a format without comments (package.json, plain JSON). */
export function commentStyleOf(path: string): CommentStyle | undefined {
  const name = basename(path);
  if (isDockerfilePath(path)) return HASH_OWN_LINE;
  if (ENV_FILE.test(name)) return HASH_OWN_LINE;
  if (MAKEFILE.test(name)) return SHELL;
  if (isProcfilePath(path)) return HASH_OWN_LINE;
  if (isComposePath(path) || isEcosystemPath(path)) return BY_EXTENSION[extname(path)];
  if (NAMED_HASH_FILES.test(name)) return HASH;
  if (extname(path) === '.json') return JSON_WITH_COMMENTS.test(name) ? SLASHES : undefined;
  const byExtension = BY_EXTENSION[extname(path).toLowerCase()];
  if (byExtension) return byExtension;
  // Scripts without an extension under bin/ or scripts/ are shell scripts (as the shell reader takes them).
  if (!name.includes('.') && /(^|\/)(bin|scripts)\/[^/]+$/.test(path)) return SHELL;
  return undefined;
}

/** Whether a quick fix can write a comment in this family. */
export function canWriteComment(style: CommentStyle | undefined): style is CommentStyle {
  return Boolean(style && style.write.open);
}
