import assert from 'node:assert/strict';
import { test } from 'node:test';
import { otherLanguagesExtractor } from '../../engine/extract/otherLanguages';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(otherLanguagesExtractor, path, text).map((o) => brief(text, o));
}

test('otherLanguagesExtractor.matches: which paths it reads', () => {
  for (const p of ['src/main/java/App.java', 'App.kt', 'build.gradle.kts', 'Program.cs', 'src/main.rs', 'config/puma.rb', 'public/index.php', 'src/main/resources/application.properties', 'application-dev.properties', 'src/main/resources/application.yml', 'application-docker.yaml', 'bootstrap.yml']) assert.equal(otherLanguagesExtractor.matches(p), true, p);
  for (const p of ['gradle.properties', 'config/app.yml', 'my-application.yml', 'Main.scala']) assert.equal(otherLanguagesExtractor.matches(p), false, p);
});

test('Java: getOrDefault and orElse fallbacks; sleeps and comments are silent', () => {
  const text = joinLines(
    'int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "9555"));',
    'String db = Optional.ofNullable(System.getenv("DB_PORT")).orElse("5432");',
    'Thread.sleep(1000L);',
    '// System.getenv().getOrDefault("PORT", "9999")',
  );
  assert.deepEqual(briefs('src/main/java/App.java', text), [
    'bind 9555 key=PORT @1:67',
    'reference 5432 key=DB_PORT @2:67',
  ]);
});

test('C#: GetEnvironmentVariable with ??', () => {
  const text = joinLines(
    'var port = Environment.GetEnvironmentVariable("PORT") ?? "7070";',
    'var timeout = 30;',
  );
  assert.deepEqual(briefs('src/Program.cs', text), [
    'bind 7070 key=PORT @1:59',
  ]);
});

test('Rust: env::var with unwrap_or, including a listen address default', () => {
  const text = joinLines(
    'let addr = std::env::var("ADDRESS").unwrap_or_else(|_| "127.0.0.1:8000".into());',
    'let port = env::var("PORT").unwrap_or("8001".to_string());',
  );
  assert.deepEqual(briefs('src/main.rs', text), [
    'bind 8000 key=ADDRESS @1:67',
    'bind 8001 key=PORT @2:40',
  ]);
});

test('Ruby: ENV.fetch and ENV[] ||', () => {
  const text = joinLines(
    'port = ENV.fetch("PORT", 3000)',
    'redis = ENV["REDIS_PORT"] || 6379',
    '# ENV.fetch("PORT", 9999)',
  );
  assert.deepEqual(briefs('config/puma.rb', text), [
    'bind 3000 key=PORT @1:26',
    'reference 6379 key=REDIS_PORT @2:30',
  ]);
});

test('PHP: getenv ?: and $_ENV ??', () => {
  const text = joinLines(
    '<?php',
    '$port = getenv("PORT") ?: 8080;',
    '$db = $_ENV["DB_PORT"] ?? 3306;',
  );
  assert.deepEqual(briefs('public/index.php', text), [
    'bind 8080 key=PORT @2:27',
    'reference 3306 key=DB_PORT @3:27',
  ]);
});

test('Kotlin: System.getenv with ?:', () => {
  const text = joinLines(
    'val port = System.getenv("PORT")?.toInt() ?: 8080',
  );
  assert.deepEqual(briefs('src/main/kotlin/App.kt', text), [
    'bind 8080 key=PORT @1:46',
  ]);
});

test("Spring properties: server.port binds, other services' ports reference, comments and sizes are silent", () => {
  const text = joinLines(
    '# server.port=9999',
    'server.port=8080',
    'spring.redis.port=6379',
    'management.server.port=${MGMT_PORT:8081}',
    'spring.servlet.multipart.max-file-size=100',
  );
  assert.deepEqual(briefs('src/main/resources/application.properties', text), [
    'bind 8080 key=server.port @2:13',
    'reference 6379 key=spring.redis.port @3:19',
    'bind 8081 label=management key=management.server.port @4:36',
  ]);
});

test('Spring properties: URLs and broker lists are references; a random port (0) and sizes are no ports', () => {
  const text = joinLines(
    'server.port=${SERVER_PORT:${PORT:8181}}',
    'server.max-http-request-header-size=8192',
    'spring.datasource.url=jdbc:postgresql://localhost:5432/inventory',
    'eureka.client.service-url.defaultZone=http://localhost:8761/eureka/',
    'spring.kafka.bootstrap-servers=kafka-1:9092,kafka-2:9093',
    'server.address=0.0.0.0',
    'management.server.port=0',
  );
  assert.deepEqual(briefs('src/main/resources/application.properties', text), [
    'bind 8181 key=server.port @1:34',
    'reference 5432 host=localhost key=spring.datasource.url @3:51',
    'reference 8761 host=localhost key=eureka.client.service-url.defaultZone @4:56',
    'reference 9092 host=kafka-1 key=spring.kafka.bootstrap-servers @5:40',
    'reference 9093 host=kafka-2 key=spring.kafka.bootstrap-servers @5:53',
  ]);
});

test('Spring YAML: nested server.port with a placeholder default, management port, references; timeouts are silent', () => {
  const text = joinLines(
    'server:',
    '  port: ${PORT:8283}',
    '  shutdown: graceful',
    'management:',
    '  server:',
    '    port: 9181',
    'spring:',
    '  datasource:',
    '    url: jdbc:postgresql://db:5432/app',
    '  data.redis.port: 6379',
    '  kafka:',
    '    bootstrap-servers:',
    '      - localhost:9092',
    '  cloud:',
    '    gateway:',
    '      httpclient:',
    '        connect-timeout: 2000',
    '      routes:',
    '        - id: orders',
    '          uri: http://localhost:8282',
    '        - uri: lb://inventory',
    '# server.port: 9999',
  );
  assert.deepEqual(briefs('orders-service/src/main/resources/application.yml', text), [
    'bind 8283 key=server.port @2:16',
    'bind 9181 label=management key=management.server.port @6:11',
    'reference 5432 host=db key=spring.datasource.url @9:31',
    'reference 6379 key=spring.data.redis.port @10:20',
    'reference 9092 host=localhost key=spring.kafka.bootstrap-servers @13:19',
    'reference 8282 host=localhost key=spring.cloud.gateway.routes[orders].uri @20:33',
  ]);
});

test('Spring profiles: a container profile listens inside the container, a test profile and test resources only reference', () => {
  const yaml = joinLines('server:', '  port: 8080');
  assert.deepEqual(briefs('src/main/resources/application-docker.yml', yaml), ['expose 8080 key=server.port @2:9']);
  assert.deepEqual(briefs('src/main/resources/application-test.yml', yaml), ['reference 8080 key=server.port @2:9']);
  assert.deepEqual(briefs('src/main/resources/application-local.yml', yaml), ['bind 8080 key=server.port @2:9']);
  assert.deepEqual(briefs('src/test/resources/application.properties', 'server.port=8089\nserver.port=0'), ['reference 8089 key=server.port @1:13']);
  const documents = joinLines(
    'server.port: 8181',
    '---',
    'spring.config.activate.on-profile: docker',
    'server.port: 8080',
    '---',
    'spring:',
    '  config:',
    '    activate:',
    '      on-profile: test',
    'server:',
    '  port: 0',
  );
  assert.deepEqual(briefs('src/main/resources/application.yml', documents), [
    'bind 8181 key=server.port @1:14',
    'expose 8080 key=server.port @4:14',
  ]);
});

test('Spring YAML that does not parse is skipped, not thrown', () => {
  assert.deepEqual(briefs('src/main/resources/application.yml', 'server:\n  port: [8080\n'), []);
});

test('env helpers with a default in Ruby, Java, C#, PHP: own port names bind, others reference, other names are silent', () => {
  const ruby = joinLines(
    'def env_int(name, default) = Integer(ENV.fetch(name, default))',
    'PORT = env_int("PORT", 4050)',
    'DB_POOL = env_int("DB_POOL", 10)',
    "REDIS = env_int('REDIS_PORT', 6379)",
    '# env_int("PORT", 9999)',
  );
  assert.deepEqual(briefs('config/app.rb', ruby), [
    'bind 4050 key=PORT @2:24',
    'reference 6379 key=REDIS_PORT @4:31',
  ]);
  const java = joinLines(
    'int port = Integer.getInteger("server.port", 8080);',
    'int admin = env.getProperty("management.server.port", Integer.class, 8081);',
    'int pool = config.getInt("pool.size", 20);',
  );
  assert.deepEqual(briefs('src/main/java/App.java', java), [
    'bind 8081 key=management.server.port @2:70',
    'bind 8080 key=server.port @1:46',
  ]);
  const csharp = joinLines(
    'var port = builder.Configuration.GetValue<int>("Port", 5000);',
    'var retries = builder.Configuration.GetValue<int>("Retries", 30);',
  );
  assert.deepEqual(briefs('Program.cs', csharp), ['bind 5000 key=Port @1:56']);
});

test("C#: app.Run(url), Urls.Add, UseUrls and Kestrel's Listen calls bind; other URLs are references; numbers are silent", () => {
  const text = joinLines(
    'var app = builder.Build();',
    'const int MaxBatch = 500;',
    'builder.WebHost.UseUrls("http://*:5001", "https://localhost:5002");',
    'builder.WebHost.ConfigureKestrel(o => { o.ListenAnyIP(5003); o.ListenLocalhost(5004); o.Listen(IPAddress.Loopback, 5005); });',
    'var listener = new TcpListener(IPAddress.Any, 5006);',
    'app.Urls.Add("http://0.0.0.0:5007");',
    'c.BaseAddress = new Uri("http://localhost:5222");',
    'c.Timeout = TimeSpan.FromSeconds(10);',
    'app.MapPost("/x", () => Results.StatusCode(201));',
    '// app.Run("http://localhost:9999");',
    'app.Run("http://localhost:5240");',
  );
  assert.deepEqual(briefs('src/Api/Program.cs', text), [
    'bind 5001 label=http host=* @3:35',
    'bind 5002 label=https host=localhost @3:61',
    'bind 5007 label=http host=0.0.0.0 @6:30',
    'bind 5240 label=http host=localhost @11:27',
    'bind 5003 @4:55',
    'bind 5004 host=localhost @4:80',
    'bind 5005 host=127.0.0.1 @4:116',
    'bind 5006 host=0.0.0.0 @5:47',
    'reference 5222 host=localhost key=BaseAddress @7:43',
  ]);
});

test('Puma: port, bind URLs (literal and interpolated), ssl_bind and the control app bind; sockets and DSL numbers are silent', () => {
  const text = joinLines(
    'threads 1, 3',
    'workers Integer(ENV.fetch("WEB_CONCURRENCY") { 2 })',
    'worker_timeout 3600',
    'persistent_timeout 20',
    'port 3100, "127.0.0.1"',
    'bind "tcp://0.0.0.0:#{ENV.fetch(\'PORT\', 3110)}"',
    "bind 'tcp://#{ENV.fetch(\"HOST\", \"0.0.0.0\")}:3111'",
    'bind "unix:///tmp/sidekiq-web.sock"',
    "ssl_bind '0.0.0.0', 9293, { key: 'k', cert: 'c' }",
    "activate_control_app 'tcp://127.0.0.1:9294', { auth_token: 'x' }",
    'port ENV.fetch("PORT") { 3000 }',
    '# port 9999',
  );
  assert.deepEqual(briefs('config/puma.rb', text), [
    'bind 3100 host=127.0.0.1 @5:6',
    'bind 3110 host=0.0.0.0 key=PORT @6:41',
    'bind 3111 host=0.0.0.0 @7:45',
    'bind 9294 label=control host=127.0.0.1 @10:39',
    'bind 9293 host=0.0.0.0 @9:21',
    'bind 3000 key=PORT @11:26',
  ]);
  // The DSL is Puma's: elsewhere `port 3100` is a method call like any other.
  assert.deepEqual(briefs('lib/client.rb', 'port 3100'), []);
});

test('Sinatra set :port and Rack handlers bind', () => {
  const text = joinLines(
    'set :port, 4567',
    'Rackup::Handler::WEBrick.run(App, Port: 9292, Host: "0.0.0.0")',
    'set :sessions, true',
  );
  assert.deepEqual(briefs('app.rb', text), ['bind 4567 @1:12', 'bind 9292 @2:41']);
});
