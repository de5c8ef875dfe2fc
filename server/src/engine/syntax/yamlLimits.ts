/** Files past these limits are generated or minified: not worth parsing, and risky to. */
const MAX_YAML_CHARS = 1_000_000;
const MAX_LINE_CHARS = 4000;
/** Flow collections nested deeper than this make the `yaml` parser slow, and a few thousand exhaust memory (uncatchable). */
const MAX_FLOW_DEPTH = 128;

/** Why a YAML text must not be handed to the parser, or undefined when it is safe to parse. */
export function yamlRefusal(text: string): string | undefined {
  if (text.length > MAX_YAML_CHARS) return `it is larger than ${MAX_YAML_CHARS / 1_000_000} MB`;
  let lineStart = 0;
  let line = 1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (i - lineStart > MAX_LINE_CHARS) return `line ${line} is longer than ${MAX_LINE_CHARS} characters`;
      lineStart = i + 1;
      line++;
    } else if (c === 91 || c === 123) {
      // `[` or `{`, counted even inside quotes: a false alarm only refuses an absurd file.
      if (++depth > MAX_FLOW_DEPTH) return `its [ ] and { } nest deeper than ${MAX_FLOW_DEPTH} levels (line ${line})`;
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return text.length - lineStart > MAX_LINE_CHARS ? `line ${line} is longer than ${MAX_LINE_CHARS} characters` : undefined;
}
