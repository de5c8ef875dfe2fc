import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubernetesExtractor } from '../../engine/extract/k8s';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(text: string, path = 'k8s/app.yaml'): string[] {
  return extractWith(kubernetesExtractor, path, text).map((o) => brief(text, o));
}

const DEPLOYMENT = joinLines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: checkoutservice',
  'spec:',
  '  replicas: 3',
  '  template:',
  '    spec:',
  '      securityContext: { runAsUser: 1000, fsGroup: 1000 }',
  '      containers:',
  '        - name: server',
  '          image: checkoutservice:v0.10.2',
  '          ports:',
  '            - name: grpc',
  '              containerPort: 5050',
  '            - containerPort: 9090',
  '              hostPort: 19090',
  '          env:',
  '            - name: PORT',
  '              value: "5050"',
  '            - name: PRODUCT_CATALOG_SERVICE_ADDR',
  '              value: "productcatalogservice:3550"',
  '            - name: COLLECTOR_URL',
  '              value: http://otel-collector:4317',
  '            - name: DISABLE_PROFILER',
  '              value: "1"',
  '            - name: REDIS_PORT',
  '              value: "6379"',
  '          readinessProbe:',
  '            initialDelaySeconds: 20',
  '            periodSeconds: 15',
  '            grpc:',
  '              port: 5050',
  '          livenessProbe:',
  '            httpGet: { path: /healthz, port: 8081 }',
  '          startupProbe:',
  '            tcpSocket: { port: grpc }',
  '          args: ["--metrics-port=9091", "--timeout", "30"]',
  '          resources:',
  '            limits: { cpu: 200m, memory: 128Mi }',
);

test('matches YAML files that are not Compose files', () => {
  assert.equal(kubernetesExtractor.matches('k8s/deploy.yaml'), true);
  assert.equal(kubernetesExtractor.matches('chart/templates/svc.yml'), true);
  assert.equal(kubernetesExtractor.matches('docker-compose.yml'), false);
  assert.equal(kubernetesExtractor.matches('package.json'), false);
});

test('workload containers: ports, env, probes and args; not replicas, users or delays', () => {
  assert.deepEqual(briefs(DEPLOYMENT), [
    'expose 5050 label=grpc owner=checkoutservice @15:30',
    'expose 9090 owner=checkoutservice @16:30',
    'publish 19090 owner=checkoutservice @17:25',
    'expose 5050 owner=checkoutservice key=PORT @20:23',
    'reference 3550 owner=checkoutservice host=productcatalogservice key=PRODUCT_CATALOG_SERVICE_ADDR @22:45',
    'reference 4317 owner=checkoutservice host=otel-collector key=COLLECTOR_URL @24:44',
    'reference 6379 owner=checkoutservice key=REDIS_PORT @28:23',
    'expose 8081 owner=checkoutservice @35:46',
    'expose 5050 owner=checkoutservice @33:21',
    'expose 9091 owner=checkoutservice @38:34',
  ]);
});

test('Service: port and numeric targetPort exposed, nodePort published cluster-wide', () => {
  const text = joinLines(
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: frontend-external',
    'spec:',
    '  type: NodePort',
    '  ports:',
    '    - name: http',
    '      port: 80',
    '      targetPort: 8080',
    '      nodePort: 30080',
    '    - name: grpc',
    '      port: 5050',
    '      targetPort: grpc',
  );
  const occ = extractWith(kubernetesExtractor, 'k8s/svc.yaml', text);
  assert.deepEqual(occ.map((o) => brief(text, o)), [
    'expose 80 label=http owner=frontend-external @10:13',
    'expose 8080 label=http owner=frontend-external @11:19',
    'publish 30080 label=http owner=frontend-external @12:17',
    'expose 5050 label=grpc owner=frontend-external @14:13',
  ]);
  assert.deepEqual(occ.map((o) => o.group), [undefined, undefined, 'k8s-cluster', undefined]);
});

test('routing resources reference the port they send to', () => {
  const text = joinLines(
    'apiVersion: networking.istio.io/v1alpha3',
    'kind: VirtualService',
    'metadata: { name: frontend }',
    'spec:',
    '  hosts: ["frontend.default.svc.cluster.local"]',
    '  http:',
    '    - route:',
    '        - destination:',
    '            host: frontend',
    '            port:',
    '              number: 80',
    '          weight: 100',
    '      timeout: 30s',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata: { name: web }',
    'spec:',
    '  defaultBackend:',
    '    service: { name: web, port: { number: 8080 } }',
    '---',
    'apiVersion: networking.istio.io/v1beta1',
    'kind: ServiceEntry',
    'metadata: { name: allow-egress }',
    'spec:',
    '  ports:',
    '    - number: 443',
    '      name: https',
  );
  assert.deepEqual(briefs(text), ['reference 80 host=frontend @11:23', 'reference 8080 host=web @20:43', 'reference 443 @27:15']);
});

test('a Helm template is skipped as a whole, its static documents too: it is not YAML until rendered', () => {
  const text = joinLines(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: {{ .Values.name }}',
    '  labels: {{- include "labels" . | nindent 4 }}',
    'spec:',
    '  ports:',
    '    - port: 7070',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: { name: cart }',
    'spec:',
    '  ports: [{ port: 7071 }]',
  );
  assert.deepEqual(briefs(text, 'chart/templates/cart.yaml'), []);
  // The same stream without template markup: the broken document is read around its error, the other as it is.
  const plain = text.replace('{{ .Values.name }}', 'cart').replace('  labels: {{- include "labels" . | nindent 4 }}', "  annotations: { note: 'two\nlines' }");
  assert.deepEqual(briefs(plain, 'k8s/cart.yaml'), ['expose 7070 owner=cart @9:13', 'expose 7071 owner=cart @15:19']);
});

test('YAML that is not a manifest produces nothing', () => {
  const workflow = joinLines('name: ci', 'on: [push]', 'jobs:', '  test:', '    services:', '      redis:', '        ports: ["6379:6379"]', '    timeout-minutes: 30');
  const values = joinLines('frontend:', '  containerPort: 8080', 'kind: values');
  const configMap = joinLines('apiVersion: v1', 'kind: ConfigMap', 'data:', '  port: "8080"', '  containers: "3"');
  assert.deepEqual(briefs(workflow), []);
  assert.deepEqual(briefs(values), []);
  assert.deepEqual(briefs(configMap), []);
});
