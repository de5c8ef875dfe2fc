/** A small, strict argument parser: unknown flags are errors, not silently ignored. */

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly flags: Map<string, string>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], valueFlags: ReadonlySet<string>, booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (booleanFlags.has(name)) {
      flags.set(name, 'true');
      continue;
    }
    if (!valueFlags.has(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, flags.has(name) && name === 'rule' ? `${flags.get(name)},${value}` : value);
  }
  return { command: positional.shift(), positional, flags };
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}
