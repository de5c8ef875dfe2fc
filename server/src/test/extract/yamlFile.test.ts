import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeExtractor } from '../../engine/extract/compose';
import { OccurrenceSink, sourceFile, type Extractor } from '../../engine/extract/extractor';
import { kubernetesExtractor } from '../../engine/extract/k8s';
import { templateLanguage } from '../../engine/syntax/templates';
import { brief, joinLines } from '../helpers/extract';

/** What one reader makes of one file: occurrences (with their group), problems at 1-based positions, the template language. */
function read(extractor: Extractor, path: string, text: string) {
  const file = sourceFile(path, text);
  const sink = new OccurrenceSink(file, extractor.id);
  extractor.extract(file, sink);
  const facts = sink.facts();
  return {
    occurrences: facts.occurrences.map((o) => `${brief(text, o)}${o.group ? ` group=${o.group}` : ''}`),
    problems: (facts.problems ?? []).map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`),
    template: facts.template,
  };
}

const COMPOSE = 'stack/docker-compose.yml';

/**
 * A Compose file `yaml` rejects (the single-quoted command closes in column 0, as PyYAML and
 * Docker allow) holding every form of port and environment entry, and its repaired twin: the same
 * characters on the same lines, the broken value turned into a one-line string and comments.
 */
const BROKEN = joinLines(
  'services:',
  '  backup:',
  "    command: 'sh -c \"",
  '      while true; do sleep 86400; done',
  "'",
  '  web:',
  '    ports:',
  '      - "8088:80"',
  '      - 53:53/udp',
  '      - "127.0.0.1:9000:9000"',
  '      - target: 443',
  '        published: 8443',
  '        protocol: tcp',
  '    expose:',
  '      - "9100"',
  '    environment:',
  '      - PORT=80',
  '      - API_URL=http://api:4000',
  '  api:',
  '    network_mode: host',
  '    environment:',
  '      PORT: 4000',
  '      DB_PORT: "5432"',
);
const REPAIRED = BROKEN.replace(`'sh -c "\n      while`, `'sh -c '\n#     while`).replace("\n'\n", '\n#\n');

describe('Compose and Kubernetes readers on a file the parser rejects', () => {
  it('the twin is what the structured reader reads: every port form, with group and owner', () => {
    assert.equal(REPAIRED.length, BROKEN.length);
    assert.deepEqual(read(composeExtractor, COMPOSE, REPAIRED), {
      occurrences: [
        `publish 8088 owner=web @8:10 group=${COMPOSE}`,
        'expose 80 owner=web @8:15',
        `publish 53 owner=web @9:9 group=${COMPOSE}`,
        'expose 53 owner=web @9:12',
        `publish 9000 owner=web host=127.0.0.1 @10:20 group=${COMPOSE}`,
        'expose 9000 owner=web @10:25',
        `publish 8443 owner=web @12:20 group=${COMPOSE}`,
        'expose 443 owner=web @11:17',
        'expose 9100 owner=web @15:10',
        'expose 80 owner=web key=PORT @17:14',
        'reference 4000 owner=web host=api key=API_URL @18:28',
        `publish 4000 owner=api key=PORT @22:13 group=${COMPOSE}`,
        'reference 5432 owner=api key=DB_PORT @23:17',
      ],
      problems: [],
      template: undefined,
    });
  });

  it('the broken file gives the same occurrences, and one problem at the parser\'s first error', () => {
    const broken = read(composeExtractor, COMPOSE, BROKEN);
    assert.deepEqual(broken.occurrences, read(composeExtractor, COMPOSE, REPAIRED).occurrences);
    assert.deepEqual(broken.problems, [
      "4:39 Not valid YAML here (missing closing 'quote); other parsers may accept it. Port Schema read this Compose file without lines 3-5: ports there are not counted.",
    ]);
  });

  it('nothing inside the broken value is read: its 86400 is a sleep, not a port', () => {
    const text = BROKEN.replace('sleep 86400', 'serve --port 7000').replace('  web:', '  web:\n    command: serve --port 7001');
    const occurrences = read(composeExtractor, COMPOSE, text).occurrences;
    assert.ok(!occurrences.some((o) => o.includes(' 7000 ')), occurrences.join('\n'));
    assert.ok(occurrences.some((o) => o.includes(' 7001 ')), 'an intact command elsewhere is read as usual');
  });

  it('a half-typed entry (an edit in progress) costs only that entry', () => {
    const text = joinLines('services:', '  web:', '    ports:', '      - "8080:80', '  api:', '    ports:', '      - "4000:4000"');
    const result = read(composeExtractor, COMPOSE, text);
    assert.deepEqual(result.occurrences, [`publish 4000 owner=api @7:10 group=${COMPOSE}`, 'expose 4000 owner=api @7:15']);
    assert.equal(result.problems.length, 1);
  });

  it('a Kubernetes stream whose first document breaks: both documents are read', () => {
    const daemonSet = (name: string, annotation: string, port: number) =>
      joinLines(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata:',
        `  name: ${name}`,
        annotation,
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        `        - name: ${name}`,
        '          ports:',
        `            - containerPort: ${port}`,
        '              hostPort: 9100',
      );
    const text = [daemonSet('node-exporter', "  annotations: { notes: 'Host metrics.\nScraped by Prometheus.' }", 9100), daemonSet('ipmi-exporter', '', 9290)].join('\n---\n');
    const result = read(kubernetesExtractor, 'k8s/agents.yaml', text);
    assert.deepEqual(result.occurrences, [
      'expose 9100 owner=node-exporter @13:30',
      'publish 9100 owner=node-exporter @14:25',
      'expose 9290 owner=ipmi-exporter @27:30',
      'publish 9100 owner=ipmi-exporter @28:25',
    ]);
    assert.deepEqual(result.problems.map((p) => p.split(' ')[0]), ['5:39']);
  });

  it('a sound file has no problem (the silent twin)', () => {
    assert.deepEqual(read(composeExtractor, COMPOSE, REPAIRED).problems, []);
    assert.deepEqual(read(kubernetesExtractor, 'k8s/a.yaml', 'apiVersion: v1\nkind: Pod\nspec: {}\n').problems, []);
  });
});

describe('templates are not YAML until rendered', () => {
  it('a Helm template is skipped without a problem, even where it would parse or has literal ports', () => {
    const deployment = joinLines(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "gateway.fullname" . }}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: gateway',
      '          ports:',
      '            - containerPort: 8080',
      '              hostPort: 9100',
      '          {{- with .Values.resources }}',
      '          resources:',
      '            {{- toYaml . | nindent 12 }}',
      '          {{- end }}',
    );
    assert.deepEqual(read(kubernetesExtractor, 'charts/gateway/templates/deployment.yaml', deployment), { occurrences: [], problems: [], template: 'Helm' });
    const service = 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: {{ .Values.service.port }}\n      nodePort: 30080\n';
    assert.deepEqual(read(kubernetesExtractor, 'charts/gateway/templates/service.yaml', service), { occurrences: [], problems: [], template: 'Helm' });
  });

  it('an Ansible (Jinja) Compose template is skipped without a problem', () => {
    const text = joinLines('services:', '  app:', '    ports:', '      - "{{ app_port }}:8000"', '      - "8088:8080"', '{% if metrics %}', '      - "9100:9100"', '{% endif %}');
    assert.deepEqual(read(composeExtractor, 'roles/app/templates/docker-compose.yml', text), { occurrences: [], problems: [], template: 'Jinja' });
  });

  it("Docker's own placeholders and GitHub expressions are not templates: the file is read", () => {
    const text = joinLines(
      'services:',
      '  worker:',
      '    hostname: "{{.Node.Hostname}}-{{.Task.Slot}}"',
      '    logging: { options: { tag: "{{.Name}}/{{.ID}}" } }',
      "    healthcheck: { test: [\"CMD-SHELL\", \"docker inspect -f '{{.State.Running}}' db\"] }",
      '    environment:',
      '      TOKEN: ${{ secrets.TOKEN }}',
      '    ports: ["7000:7000"]',
    );
    assert.equal(read(composeExtractor, COMPOSE, text).template, undefined);
    assert.deepEqual(read(composeExtractor, COMPOSE, text).occurrences, [`publish 7000 owner=worker @8:14 group=${COMPOSE}`, 'expose 7000 owner=worker @8:19']);
  });

  it('names the language: Helm, Go template, Jinja', () => {
    assert.equal(templateLanguage('k8s/a.yaml', 'a: {{ .Release.Name }}'), 'Helm');
    assert.equal(templateLanguage('k8s/a.yaml', '{{- if .Values.on }}\na: 1\n{{- end }}'), 'Helm');
    assert.equal(templateLanguage('k8s/a.yaml', 'a: {{ .Env.PORT }}'), 'Go template');
    assert.equal(templateLanguage('roles/x/templates/a.yml', 'a: "{{ port }}"'), 'Jinja');
    assert.equal(templateLanguage('a.yml', '{# managed by ansible #}\na: 1'), 'Jinja');
    assert.equal(templateLanguage('a.yml', 'a: "{ not: a template }"\nb: "{{.Service.Name}}"'), undefined);
  });

  it('markup only inside strings and block scalars is data, outside a templates/ folder: the file is read', () => {
    const configMap = joinLines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'data:',
      '  collector.yaml: |',
      '    exporters:',
      '      googlecloud:',
      '        project: {{PROJECT_ID}}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: collector }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: collector',
      '          command: ["sh", "-c", "sed s/{{PROJECT_ID}}/$P/ /t.yaml > /c.yaml"]',
      '          ports: [{ containerPort: 4317 }]',
    );
    assert.equal(templateLanguage('kustomize/otel.yaml', configMap), undefined);
    assert.deepEqual(read(kubernetesExtractor, 'kustomize/otel.yaml', configMap).occurrences, ['expose 4317 owner=collector @18:36']);
    const alert = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - rules:\n        - annotations:\n            summary: "{{ $labels.job }} is down"\n';
    assert.equal(templateLanguage('k8s/alerts.yaml', alert), undefined);
    // The same quoted markup in a role's templates/ folder: a template all the same.
    assert.equal(templateLanguage('roles/app/templates/compose.yml', 'services:\n  app:\n    ports: ["{{ app_port }}:80"]\n'), 'Jinja');
  });
});

describe('merge keys and duplicate keys, read as docker-compose reads them', () => {
  it('<<: [*api, *published] gives the service the anchors\' ports and environment; no problem', () => {
    const text = joinLines(
      'x-api: &api',
      '  image: api:1.4',
      'x-published: &published',
      '  ports: ["8101:8100"]',
      'services:',
      '  blue:',
      '    <<: [*api, *published]',
      '  green:',
      '    <<: *api',
      '    ports: ["8102:8100"]',
    );
    const result = read(composeExtractor, COMPOSE, text);
    assert.deepEqual(result.problems, []);
    // The port is written in the anchor: that is where it is found, for the service that merges it.
    assert.deepEqual(result.occurrences, [
      `publish 8101 owner=blue @4:12 group=${COMPOSE}`,
      'expose 8100 owner=blue @4:17',
      `publish 8102 owner=green @10:14 group=${COMPOSE}`,
      'expose 8100 owner=green @10:19',
    ]);
  });

  it('a key written twice keeps its last value: only the last ports: list counts', () => {
    const text = joinLines('services:', '  web:', '    ports: ["8080:80"]', '    restart: always', '    ports: ["9090:80"]', 'volumes: {}', 'volumes: { data: {} }');
    const result = read(composeExtractor, COMPOSE, text);
    assert.deepEqual(result, { occurrences: [`publish 9090 owner=web @5:14 group=${COMPOSE}`, 'expose 80 owner=web @5:19'], problems: [], template: undefined });
  });
});
