/**
 * Template markup in a YAML file: Helm and Go templates (`{{ .Values.port }}`), Jinja and Ansible
 * (`{{ app_port }}`, `{% if %}`, `{# #}`). Such a file is not YAML until rendered: its values are
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
const HELM_EXPRESSION = /^(?:\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|\$\.|(?:include|template|toYaml|tpl|define|required|nindent)\b)/;
/** A file full of Docker placeholders is Docker's: after this many without a template, stop looking. */
const MAX_TAGS = 256;

/** The template language `text` is written in (`Helm`, `Go template`, `Jinja`), or undefined for plain YAML. */
export function templateLanguage(text: string): string | undefined {
  if (!text.includes('{{') && !text.includes('{%') && !text.includes('{#')) return undefined;
  let tags = 0;
  for (const m of text.matchAll(TEMPLATE_TAG)) {
    if (++tags > MAX_TAGS) return undefined;
    if (m[0].startsWith('{%') || m[0].startsWith('{#')) return 'Jinja';
    const expression = m[2] ?? '';
    if (m[1] === '$' || DOCKER_PLACEHOLDER.test(expression)) continue;
    if (HELM_EXPRESSION.test(expression)) return 'Helm';
    return expression.startsWith('.') || /^(?:if|range|with|end|else)\b/.test(expression) ? 'Go template' : 'Jinja';
  }
  return undefined;
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
