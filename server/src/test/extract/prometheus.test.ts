import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prometheusExtractor } from '../../engine/extract/prometheus';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(prometheusExtractor, path, text).map((o) => brief(text, o));
}

test('prometheusExtractor.matches: YAML (decided by content) and JSON target files, not Compose files', () => {
  for (const p of ['prometheus.yml', 'monitoring/config.yaml', 'alertmanager/alertmanager.yml', 'prometheus/targets/node.json', 'file_sd/nodes.json', 'sd/hosts.json']) {
    assert.equal(prometheusExtractor.matches(p), true, p);
  }
  for (const p of ['docker-compose.yml', 'compose.yaml', 'package.json', 'tsconfig.json', 'prometheus.yml.bak']) assert.equal(prometheusExtractor.matches(p), false, p);
});

test('static targets, blackbox URLs and the relabelled exporter address are references with their host', () => {
  const text = joinLines(
    'global:',
    '  scrape_interval: 15s',
    'scrape_configs:',
    '  - job_name: prometheus',
    '    static_configs:',
    "      - targets: ['localhost:9090']",
    '  - job_name: billing',
    '    static_configs:',
    '      - targets: ["billing:9102", orders:9103]',
    '        labels: { team: payments }',
    '  - job_name: blackbox-http',
    '    metrics_path: /probe',
    '    static_configs:',
    '      - targets:',
    '          - http://billing:8080/healthz',
    '          - https://example.com/up',
    '    relabel_configs:',
    '      - source_labels: [__address__]',
    '        target_label: __param_target',
    '      - target_label: __address__',
    '        replacement: blackbox:9115',
  );
  assert.deepEqual(briefs('prometheus/prometheus.yml', text), [
    'reference 9090 host=localhost @6:30',
    'reference 9102 host=billing @9:28',
    'reference 9103 host=orders @9:42',
    'reference 8080 host=billing @15:28',
    'reference 9115 host=blackbox @21:31',
  ]);
});

test('variant: Alertmanager targets, discovery servers, remote write, proxies and IPv6 targets', () => {
  const text = joinLines(
    'alerting:',
    '  alertmanagers:',
    '    - static_configs:',
    '        - targets: [alertmanager:9093]',
    'remote_write:',
    '  - url: http://mimir:9009/api/v1/push',
    'scrape_configs:',
    '  - job_name: consul',
    '    proxy_url: http://egress:3128',
    '    consul_sd_configs:',
    "      - server: 'consul:8500'",
    '  - job_name: v6',
    '    static_configs:',
    '      - targets: ["[::1]:9100", "10.0.0.7:9100"]',
  );
  assert.deepEqual(briefs('monitoring/config.yml', text), [
    'reference 9093 host=alertmanager @4:34',
    'reference 9009 host=mimir @6:23',
    'reference 3128 host=egress @9:30',
    'reference 8500 host=consul @11:25',
    'reference 9100 host=[::1] @14:26',
    'reference 9100 host=10.0.0.7 @14:43',
  ]);
});

test('Alertmanager receivers and global endpoints are references', () => {
  const text = joinLines(
    'global:',
    "  smtp_smarthost: 'mail:587'",
    '  resolve_timeout: 5m',
    'route:',
    '  receiver: ops',
    '  group_wait: 30s',
    '  repeat_interval: 4h',
    'receivers:',
    '  - name: ops',
    '    webhook_configs:',
    '      - url: http://alert-bridge:5001/hook',
    '        send_resolved: true',
    '        max_alerts: 100',
    '    slack_configs:',
    '      - api_url: https://hooks.slack.com/services/T000/B000/XXX',
    '        http_config:',
    '          proxy_url: http://squid:3128',
  );
  assert.deepEqual(briefs('alertmanager/alertmanager.yml', text), [
    'reference 587 host=mail @2:25',
    'reference 5001 host=alert-bridge @11:34',
    'reference 3128 host=squid @17:35',
  ]);
});

test('file_sd target files, JSON and YAML, are references', () => {
  const json = joinLines(
    '[',
    '  {',
    '    "targets": ["node-exporter:9100", "10.0.0.8:9100"],',
    '    "labels": { "role": "docker-host", "rack": "12" }',
    '  }',
    ']',
  );
  assert.deepEqual(briefs('prometheus/targets/node.json', json), [
    'reference 9100 host=node-exporter @3:32',
    'reference 9100 host=10.0.0.8 @3:49',
  ]);
  const yaml = joinLines(
    '- targets:',
    '    - db-exporter:9187',
    '  labels:',
    '    shard: "3"',
  );
  assert.deepEqual(briefs('file_sd/db.yml', yaml), ['reference 9187 host=db-exporter @2:19']);
});

test('silent twin: durations, comments, templated or capture-group addresses, rule files, and look-alike files', () => {
  const config = joinLines(
    'global:',
    '  scrape_interval: 15s',
    '  scrape_timeout: 10s',
    '  evaluation_interval: 30s',
    'rule_files: [alerts.yml]',
    'scrape_configs:',
    '  - job_name: node',
    '    # was inventory:9104 before 1.3.0',
    '    file_sd_configs:',
    "      - files: ['targets/*.json']",
    '        refresh_interval: 5m',
    '    relabel_configs:',
    '      - source_labels: [__address__]',
    "        regex: '(.*):\\d+'",
    '        target_label: __address__',
    "        replacement: '$1:9100'",
    '      - target_label: instance',
    '        replacement: shown-as:1234',
    '    static_configs:',
    "      - targets: ['{{ .host }}:9100', 'example.com']",
    '        labels: { port: "9999" }',
  );
  assert.deepEqual(briefs('prometheus.yml', config), []);
  const rules = joinLines(
    'groups:',
    '  - name: shop',
    '    rules:',
    '      - alert: HighErrorRate',
    '        expr: sum(rate(http_requests_total{status=~"5.."}[5m])) > 0.05',
    '        for: 10m',
    '      - alert: Slow',
    '        expr: histogram_quantile(0.99, sum(rate(x_bucket[5m])) by (le)) > 1.5',
  );
  assert.deepEqual(briefs('prometheus/alerts.rules.yml', rules), []);
  // A YAML file that is none of the three (a CI config with a `targets:` list) yields nothing.
  const other = joinLines('targets:', '  - api:8080', 'route:', '  - x');
  assert.deepEqual(briefs('ci/deploy.yml', other), []);
  const notTargets = '{ "targets": ["api:8080"] }';
  assert.deepEqual(briefs('prometheus/settings.json', notTargets), []);
});

test('malformed input: what parses is read, the rest yields nothing, nothing throws', () => {
  assert.deepEqual(briefs('prometheus.yml', 'scrape_configs:\n  - job_name: [unclosed\n'), []);
  assert.deepEqual(briefs('targets/x.json', '[{"targets": ["a:9100"'), ['reference 9100 host=a @1:18']);
  assert.deepEqual(briefs('targets/deep.json', '['.repeat(10_000) + '"targets"'), []);
});

