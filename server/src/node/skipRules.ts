/**
 * What is never worth indexing for ports, whatever .gitignore says: dependency and build output
 * folders, lockfiles (full of version numbers that look like ports), and binary formats.
 */

const SKIPPED_DIRECTORIES = new Set([
  'node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.venv', 'venv', '__pycache__', 'target', 'vendor',
]);

/**
 * Lockfiles whose names do not end in `.lock`: package managers write them, full of registry URLs
 * (`http://localhost:4873/…` of a local mirror), versions, sizes and hashes, none of them a listener.
 */
const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'bun.lockb', 'go.sum', 'go.work.sum', 'conda-lock.yml',
  'packages.lock.json', 'Package.resolved', '.terraform.lock.hcl',
]);

/**
 * `yarn.lock`, `Cargo.lock`, `poetry.lock`, `bun.lock`, `uv.lock`, `Gemfile.lock`, `composer.lock`,
 * `Pipfile.lock`, `flake.lock`, `gradle.lockfile`: no tool names a configuration file `*.lock`.
 */
const LOCKFILE_EXTENSIONS = new Set(['.lock', '.lockfile']);

/** In a linked worktree or a submodule `.git` is a file (`gitdir: …`): git's, not the project's. */
const GIT_FILES = new Set(['.git']);

const BINARY_EXTENSIONS = new Set([
  // images
  '.png', '.jpg', '.jpeg', '.gif', '.bmp', '.ico', '.icns', '.webp', '.avif', '.tif', '.tiff', '.psd', '.heic',
  // fonts
  '.woff', '.woff2', '.ttf', '.otf', '.eot',
  // archives and packages
  '.zip', '.tar', '.gz', '.tgz', '.bz2', '.xz', '.zst', '.7z', '.rar', '.jar', '.war', '.whl', '.deb', '.rpm',
  // media, documents and compiled code: binary, and a NUL sniff would read them for nothing
  '.mp3', '.mp4', '.wav', '.ogg', '.mov', '.webm', '.pdf', '.exe', '.dll', '.so', '.dylib', '.o', '.a', '.class',
  '.pyc', '.wasm', '.sqlite', '.db',
]);

export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name);
}

export function isSkippedFileName(name: string): boolean {
  if (LOCKFILES.has(name) || GIT_FILES.has(name)) return true;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  const extension = name.slice(dot).toLowerCase();
  return LOCKFILE_EXTENSIONS.has(extension) || BINARY_EXTENSIONS.has(extension);
}
