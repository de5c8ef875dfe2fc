/** A whole value that is one port: `3000`, `"3000"`, `${PORT:-3000}` (the default is the port). */
const PORT_VALUE = /^(["']?)(?:\$\{[A-Za-z_]\w*:?[-=](\d{1,5})\}|(\d{1,5}))\1$/;
/** `9000-9005`: group 1 first, 2 last. */
export const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;

/** Where the port sits in a value that is exactly one port (`3000`, `'3000'`, `${PORT:-3000}`). */
export function portValue(text: string): { digits: string; index: number } | undefined {
  const m = PORT_VALUE.exec(text);
  if (!m) return undefined;
  const digits = m[2] ?? m[3];
  return { digits, index: text.lastIndexOf(digits) };
}

/** `8080`, `"8080"`, `${PORT:8080}`, `${SERVER_PORT:${PORT:8080}}`: Spring's placeholders, whose innermost default is the port. */
const SPRING_PORT_VALUE = /^(["']?)((?:\$\{[\w.-]+:){0,4})(\d{1,5})(\}*)\1$/;

/** Where the port sits in a Spring property value, or undefined when it holds none (`${PORT}`, `8080/tcp`). */
export function springPortValue(text: string): { digits: string; index: number } | undefined {
  const m = SPRING_PORT_VALUE.exec(text);
  if (!m) return undefined;
  const opened = (m[2].match(/\$\{/g) ?? []).length;
  if (opened !== m[4].length) return undefined;
  return { digits: m[3], index: m[1].length + m[2].length };
}

/** `udp`, `UDP`, `sctp`; anything else (`tcp`, unset) is TCP, which occurrences leave unset. */
export function protocolOf(text: string | undefined): 'udp' | 'sctp' | undefined {
  const p = text?.trim().toLowerCase();
  return p === 'udp' || p === 'sctp' ? p : undefined;
}
