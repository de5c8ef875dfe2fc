/** Files past these limits are generated or minified: not worth parsing, and risky to. */
const MAX_YAML_CHARS = 1_000_000;
const MAX_LINE_CHARS = 4000;
/** Flow collections nested deeper than this make the `yaml` parser slow, and a few thousand exhaust memory (uncatchable). */
const MAX_FLOW_DEPTH = 128;

/** Why a YAML text must not be handed to the parser, and where the reason starts. */
export interface YamlRefusal {
  readonly reason: string;
  readonly offset: number;
}

/** Why a YAML text must not be handed to the parser, or undefined when it is safe to parse. */
export function yamlRefusal(text: string): string | undefined {
  return yamlRefusalAt(text)?.reason;
}

/** `yamlRefusal` with the offset of the line at fault (0 for a file too large as a whole). */
export function yamlRefusalAt(text: string): YamlRefusal | undefined {
  if (text.length > MAX_YAML_CHARS) return { reason: `it is larger than ${MAX_YAML_CHARS / 1_000_000} MB`, offset: 0 };
  let lineStart = 0;
  let line = 1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (i - lineStart > MAX_LINE_CHARS) return { reason: `line ${line} is longer than ${MAX_LINE_CHARS} characters`, offset: lineStart };
      lineStart = i + 1;
      line++;
    } else if (c === 91 || c === 123) {
      // `[` or `{`, counted even inside quotes: a false alarm only refuses an absurd file.
      if (++depth > MAX_FLOW_DEPTH) return { reason: `its [ ] and { } nest deeper than ${MAX_FLOW_DEPTH} levels (line ${line})`, offset: i };
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return text.length - lineStart > MAX_LINE_CHARS ? { reason: `line ${line} is longer than ${MAX_LINE_CHARS} characters`, offset: lineStart } : undefined;
}
