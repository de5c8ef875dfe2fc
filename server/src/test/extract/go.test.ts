import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goExtractor } from '../../engine/extract/go';
import { assertEachFormAlone, brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(goExtractor, path, text).map((o) => brief(text, o));
}

test('goExtractor.matches: which paths it reads', () => {
  for (const p of ['src/frontend/main.go', 'cmd/api/server.go']) assert.equal(goExtractor.matches(p), true, p);
  for (const p of ['go.mod', 'go.sum', 'main.gohtml']) assert.equal(goExtractor.matches(p), false, p);
});

test('listen addresses, port variables and env helpers bind; peers are references; durations, status constants, buffer sizes and comments are silent', () => {
  const text = joinLines(
    'package main',
    '',
    'var (',
    '	extraLatency time.Duration',
    '',
    '	port = "3550"',
    ')',
    '',
    'const defaultPort = 3551',
    '',
    'func main() {',
    '	srvPort := os.Getenv("PORT")',
    '	if srvPort == "" {',
    '		srvPort = "8080"',
    '	}',
    '	addr := "0.0.0.0:8081"',
    '	log.Fatal(http.ListenAndServe(":8082", nil))',
    '	lis, _ := net.Listen("tcp", "localhost:8083")',
    '	r.Run(":8084")',
    '	dbPort := getEnv("DB_PORT", "5432")',
    '	httpPort := getEnv("PORT", "3050")',
    '	flag.IntVar(&metrics, "metrics-port", 9090, "where /metrics listens")',
    '	cartAddr := "cartservice:7070"',
    '	key := "user:1234"',
    '	u := "http://checkout:5050/orders"',
    '	time.Sleep(time.Second * 30)',
    '	w.WriteHeader(http.StatusNotFound)',
    '	buf := make([]byte, 1024)',
    '	// http.ListenAndServe(":9999", nil)',
    '}',
  );
  assert.deepEqual(briefs('src/frontend/main.go', text), [
    'bind 8081 host=0.0.0.0 @16:19',
    'bind 8082 @17:34',
    'bind 8083 host=localhost @18:41',
    'bind 8084 @19:10',
    'reference 5432 key=DB_PORT @20:31',
    'bind 3050 key=PORT @21:30',
    'bind 9090 @22:40',
    'bind 3550 @6:10',
    'bind 3551 @9:21',
    'bind 8080 key=PORT @14:14',
    'reference 7070 host=cartservice key=cartAddr @23:27',
    'reference 5050 host=checkout @25:24',
  ]);
});

test('a listener in a _test.go file is only a reference', () => {
  const text = joinLines(
    'func TestX(t *testing.T) {',
    '	go http.ListenAndServe(":8089", nil)',
    '}',
  );
  assert.deepEqual(briefs('src/frontend/main_test.go', text), [
    'reference 8089 @2:27',
  ]);
});

test("env helpers with a default in Go: own port names bind, other services' reference, other names are silent", () => {
  const text = joinLines(
    'func Load() Config {',
    '	return Config{',
    '		Port:           GetInt("PORT", 4030),',
    '		ReadTimeoutSec: GetInt("READ_TIMEOUT_SECONDS", 15),',
    '		MaxBodyBytes:   GetInt("MAX_BODY_BYTES", 1048576),',
    '	}',
    '}',
    'port := getEnvAsInt("HTTP_PORT", 4031)',
    'maxIdle := getEnvAsInt("MAX_IDLE_CONNS", 100)',
    'redis := envutil.GetInt("REDIS_PORT", 6379)',
  );
  assert.deepEqual(briefs('internal/config/config.go', text), [
    'bind 4030 key=PORT @3:34',
    'bind 4031 key=HTTP_PORT @8:34',
    'reference 6379 key=REDIS_PORT @10:39',
  ]);
});

test('a file holding only one of the forms is still read; one holding none of them is passed over', () => {
  const alone: [string, string][] = [
    ['package main\nfunc main() { http.ListenAndServe(":8080", nil) }\n', 'bind 8080 @2:37'],
    ['package main\nvar peer = "http://cart:7/x"\n', 'reference 7 host=cart @2:25'],
    ['package main\nconst defaultPort = 3550\n', 'bind 3550 @2:21'],
  ];
  assertEachFormAlone(goExtractor, 'main.go', alone, 'package main\n\nimport "time"\n\nconst timeout = 3000 * time.Millisecond\nvar sizes = []int{1024, 768}\n');
});
