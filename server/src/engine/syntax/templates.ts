import { yamlRefusal } from './yamlLimits';
import { outlineYaml } from './yamlLines';

/**
 * Template markup in a YAML file: Helm and Go templates (`{{ .Values.port }}`), Jinja and Ansible
 * (`{{ app_port }}`, `{% if %}`, `{# #}`). A template is not YAML until rendered: its values are
 * the renderer's inputs, and what runs is the rendered file, somewhere else.
 *
 * Not markup: Docker's own placeholders, which Docker fills in at run time in a Compose file that
 * is YAML as written — Swarm service templates (`{{.Node.Hostname}}`, `{{.Task.Slot}}`), log tags
 * (`{{.Name}}/{{.ID}}`), `docker inspect -f '{{.State.Health.Status}}'` in a healthcheck — nor
 * GitHub Actions expressions (`${{ secrets.TOKEN }}`).
 */

/** `{{ expr }}` (group 1: a `$` before it, group 2: the expression), `{% … %}`, `{# … #}`; one line each, no backtracking across braces. */
const TEMPLATE_TAG = /(\$?)\{\{-?\s*([^{}\n]*?)\s*-?\}\}|\{%[^%\n]*%\}|\{#[^#\n]*#\}/g;
const DOCKER_PLACEHOLDER = /^(?:\.(?:Service|Node|Task|Name|ID|Id|FullID|ImageName|ImageID|ImageFullID|DaemonName|State|Config|HostConfig|NetworkSettings|Mounts)\b|(?:json|index|printf)\s+\.)/;
/** Helm's built-in objects and functions, anywhere in an expression (`if .Values.on`, `toYaml . | nindent 4`). */
const HELM_EXPRESSION = /\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|\b(?:include|toYaml|tpl|required|nindent)\b/;
/** A file full of Docker placeholders is Docker's: after this many without a template, stop looking. */
const MAX_TAGS = 256;
/** What may come before a value on its line: a `-` or `?` entry, a key (`name:`, `"a b":`). */
const VALUE_PREFIX = /^(?:[-?]|[^\s'"{[#][^#]*?:|"[^"]*":|'[^']*':)[ \t]+/;
/** `- key: - {{ x }}` is as deep as value prefixes go on a line. */
const MAX_PREFIXES = 4;

/** One tag: Jinja's `{% %}`/`{# #}`, or the expression of a `{{ }}`. */
interface Tag {
  readonly statement: boolean;
  readonly expression: string;
}

/**
 * The template language a YAML file is written in (`Helm`, `Go template`, `Jinja`), or undefined
 * when it is YAML as written. It is a template when markup shapes its YAML (a line or a value that
 * starts with a tag: `replicas: {{ .Values.n }}`, `{{- include "labels" . }}`, `{% if %}`), or when
 * it sits in a `templates/` folder (Helm charts, Ansible roles) and holds any markup. Elsewhere,
 * markup only inside strings and block scalars is data — a Prometheus alert's `{{ $labels.job }}`,
 * a placeholder a script replaces in a ConfigMap — and the file is read.
 */
export function templateLanguage(path: string, text: string): string | undefined {
  if (!text.includes('{{') && !text.includes('{%') && !text.includes('{#')) return undefined;
  const first = firstTag(text);
  if (!first) return undefined;
  // A text the parser would refuse (too large, absurd lines) is not worth an outline: any markup makes it a template.
  if (templateHomes(path).length > 0 || yamlRefusal(text)) return languageOf(first);
  const shaping = shapingTag(text);
  return shaping && languageOf(shaping);
}

/** The first tag that is not Docker's or GitHub's, within the first `MAX_TAGS`. */
function firstTag(text: string): Tag | undefined {
  let tags = 0;
  for (const m of text.matchAll(TEMPLATE_TAG)) {
    if (++tags > MAX_TAGS) return undefined;
    const tag = tagOf(m);
    if (tag) return tag;
  }
  return undefined;
}

function tagOf(m: RegExpMatchArray): Tag | undefined {
  if (m[0].startsWith('{%') || m[0].startsWith('{#')) return { statement: true, expression: '' };
  const expression = m[2] ?? '';
  return m[1] === '$' || DOCKER_PLACEHOLDER.test(expression) ? undefined : { statement: false, expression };
}

/** The first tag that starts a line or a value outside strings and block scalars. */
function shapingTag(text: string): Tag | undefined {
  const { lines, values, valueOfLine } = outlineYaml(text);
  for (let i = 0; i < lines.length; i++) {
    // Inside a multi-line value only its first line has structure before the value.
    if (valueOfLine[i] >= 0 && values[valueOfLine[i]].firstLine !== i) continue;
    const tag = valueStartTag(text.slice(lines[i].start, lines[i].end));
    if (tag) return tag;
  }
  return undefined;
}

function valueStartTag(line: string): Tag | undefined {
  let rest = line.trimStart();
  for (let step = 0; step <= MAX_PREFIXES; step++) {
    if (/^\{[{%#]/.test(rest)) {
      const m = new RegExp(TEMPLATE_TAG.source, 'y').exec(rest);
      // An action continued on the next line (`{{- /* … */ -}}`) is markup too.
      return m ? tagOf(m) : { statement: rest[1] !== '{', expression: rest.slice(2).trim() };
    }
    const prefix = VALUE_PREFIX.exec(rest);
    if (!prefix) return undefined;
    rest = rest.slice(prefix[0].length);
  }
  return undefined;
}

function languageOf(tag: Tag): string {
  if (tag.statement) return 'Jinja';
  if (HELM_EXPRESSION.test(tag.expression)) return 'Helm';
  return tag.expression.startsWith('.') || /^-?\s*(?:if|range|with|end|else)\b/.test(tag.expression) ? 'Go template' : 'Jinja';
}

/** Helm's chart file: the folder holding it is a chart, and its `templates/` are Go templates. */
export const HELM_CHART_FILE = 'Chart.yaml';

/**
 * The folders that hold a `templates/` folder the path sits in, nearest first: Helm charts
 * (`charts/gateway` for `charts/gateway/templates/deployment.yaml`) and Ansible roles
 * (`roles/app` for `roles/app/templates/docker-compose.yml`) keep their templates there.
 */
export function templateHomes(path: string): string[] {
  const segments = path.split('/');
  const homes: string[] = [];
  for (let i = segments.length - 2; i >= 0; i--) if (segments[i] === 'templates') homes.push(segments.slice(0, i).join('/'));
  return homes;
}
