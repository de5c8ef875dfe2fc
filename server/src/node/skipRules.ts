/**
 * What is never worth indexing for ports, whatever .gitignore says: dependency and build output
 * folders, lockfiles (full of version numbers that look like ports), and binary formats.
 */

const SKIPPED_DIRECTORIES = new Set([
  'node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.venv', 'venv', '__pycache__', 'target', 'vendor',
]);

const LOCKFILES = new Set(['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'go.sum', 'Cargo.lock', 'poetry.lock']);

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
  if (LOCKFILES.has(name)) return true;
  const dot = name.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot).toLowerCase());
}
