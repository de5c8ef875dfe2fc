import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dotnetExtractor } from '../../engine/extract/dotnet';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(dotnetExtractor, path, text).map((o) => brief(text, o));
}

test('dotnetExtractor.matches: launchSettings.json and appsettings*.json', () => {
  for (const p of ['src/Api/Properties/launchSettings.json', 'appsettings.json', 'src/Api/appsettings.Development.json', 'appsettings.Local-Docker.json']) assert.equal(dotnetExtractor.matches(p), true, p);
  for (const p of ['settings.json', 'launchSettings.jsonc', 'src/appsettings.json.bak', 'tsconfig.json']) assert.equal(dotnetExtractor.matches(p), false, p);
});

test("launchSettings: each URL of a Project profile's applicationUrl binds, by scheme; IIS Express and container profiles are left alone", () => {
  const text = joinLines(
    '{',
    '  "$schema": "http://json.schemastore.org/launchsettings.json",',
    '  "iisSettings": {',
    '    "iisExpress": { "applicationUrl": "http://localhost:41873", "sslPort": 44312 }',
    '  },',
    '  "profiles": {',
    '    "http": {',
    '      "commandName": "Project",',
    '      "launchUrl": "swagger",',
    '      "applicationUrl": "http://localhost:5218"',
    '    },',
    '    "https": {',
    '      "commandName": "Project",',
    '      "applicationUrl": "https://localhost:7218;http://localhost:5218",',
    '      "environmentVariables": { "ASPNETCORE_ENVIRONMENT": "Development", "METRICS_PORT": "9464" }',
    '    },',
    '    "worker": { "applicationUrl": "http://0.0.0.0:5300" },',
    '    "IIS Express": { "commandName": "IISExpress", "applicationUrl": "http://localhost:41874" },',
    '    "Container (Dockerfile)": { "commandName": "Docker", "httpPort": 5219, "sslPort": 7219 }',
    '  }',
    '}',
  );
  assert.deepEqual(briefs('src/Acme.Orders.Api/Properties/launchSettings.json', text), [
    'bind 5218 label=http host=localhost @10:43',
    'bind 7218 label=https host=localhost @14:44',
    'bind 5218 label=http host=localhost @14:66',
    'bind 9464 key=METRICS_PORT @15:91',
    'bind 5300 label=http host=0.0.0.0 @17:51',
  ]);
});

test('ASPNETCORE_URLS in a profile binds; a test project only references', () => {
  const text = '{ "profiles": { "p": { "commandName": "Project", "environmentVariables": { "ASPNETCORE_URLS": "http://+:5400" } } } }';
  assert.deepEqual(briefs('src/Api/Properties/launchSettings.json', text), ['bind 5400 label=http host=+ key=ASPNETCORE_URLS @1:105']);
  const app = '{ "profiles": { "p": { "applicationUrl": "http://localhost:5401" } } }';
  assert.deepEqual(briefs('tests/Api.Tests/Properties/launchSettings.json', app), ['reference 5401 label=http host=localhost @1:60']);
});

test('appsettings: Kestrel endpoints and Urls bind; URLs, connection strings and other services ports are references; limits are silent', () => {
  const text = joinLines(
    '{',
    '  "Urls": "http://*:5080",',
    '  "Kestrel": {',
    '    "Endpoints": {',
    '      "Http": { "Url": "http://0.0.0.0:5081" },',
    '      "Grpc": { "Url": "https://localhost:5082", "Protocols": "Http2" }',
    '    },',
    '    "Limits": { "MaxConcurrentConnections": 100, "MaxRequestBodySize": 30000000, "KeepAliveTimeout": "00:02:00" }',
    '  },',
    '  "ConnectionStrings": {',
    '    "Orders": "Host=db;Port=5432;Database=orders;Username=orders;Timeout=15",',
    '    "Sql": "Server=tcp:sql,1433;Database=app",',
    '    "Redis": "cache:6379,abortConnect=false",',
    '    "Local": "Data Source=app.db"',
    '  },',
    '  "Inventory": { "BaseUrl": "http://localhost:5222" },',
    '  "Smtp": { "Host": "smtp.example.com", "Port": 587 },',
    '  "PageSize": 50,',
    '  "AllowedHosts": "*"',
    '}',
  );
  assert.deepEqual(briefs('src/Api/appsettings.json', text), [
    'bind 5080 label=http host=* @2:21',
    'bind 5081 label=http host=0.0.0.0 @5:40',
    'bind 5082 label=https host=localhost @6:43',
    'reference 5432 host=db key=ConnectionStrings.Orders @11:29',
    'reference 1433 host=sql key=ConnectionStrings.Sql @12:28',
    'reference 6379 host=cache key=ConnectionStrings.Redis @13:21',
    'reference 5222 host=localhost key=Inventory.BaseUrl @16:47',
    'reference 587 key=Smtp.Port @17:49',
  ]);
});

test('JSON that does not parse as an object is skipped', () => {
  assert.deepEqual(briefs('appsettings.json', '[1, 2'), []);
});
