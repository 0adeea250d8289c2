import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { parse, parseAllDocuments } from 'yaml';
import { INSTALL_PATH, REDIRECT_PATH, SLACK_EVENTS_PATH } from '../../src/http/server.js';
import { projectPath } from '../../src/project-path.js';
import { OAUTH_ENV } from '../helpers/oauth.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * deploy/ is how Rapport runs in production: Docker Compose (Postgres, two replicas, Caddy) and
 * Kubernetes manifests. Nothing here can start them (no Docker engine, no cluster), so these checks
 * hold them to the specifications they are written for (the Compose Specification's JSON schema,
 * Kubernetes' OpenAPI schemas through kubernetes-models) and to the app itself: the paths it
 * serves, the variables it reads, the time it allows itself to stop.
 */

type Json = Record<string, unknown>;
type ComposeService = {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  env_file?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  read_only?: boolean;
};
type Compose = { services: Record<string, ComposeService> };

const read = (...parts: string[]) => readFileSync(projectPath(...parts), 'utf8');
/** Compose files use YAML merge keys (`<<: *rapport`), which YAML 1.2 leaves to the reader. */
const readCompose = () => parse(read('deploy', 'compose.yaml'), { merge: true }) as Compose;
const readK8s = (file: string) =>
  parseAllDocuments(read('deploy', 'k8s', file)).map((doc) => doc.toJS({ maxAliasCount: -1 }) as Json);

/** How long the app allows itself to stop (src/main.ts: it is not exported, main.ts runs on import). */
function shutdownDeadlineSeconds(): number {
  const match = /const SHUTDOWN_DEADLINE_MS = ([\d_]+);/.exec(read('src', 'main.ts'));
  if (!match) throw new Error('SHUTDOWN_DEADLINE_MS is not in src/main.ts any more');
  return Number(match[1]!.replaceAll('_', '')) / 1000;
}

/** A Compose duration such as `20s`, `1m30s`, in seconds. */
function durationSeconds(text: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text)
    throw new Error(`not a duration: ${text}`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
}

/** The variables the app reads: the keys of src/config.ts's schemas, and process.env.X anywhere in src. */
function variablesTheAppReads(): Set<string> {
  const names = new Set<string>();
  for (const match of read('src', 'config.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)) names.add(match[1]!);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g))
          names.add(m[1]!);
      }
    }
  };
  walk(projectPath('src'));
  return names;
}

/** Variables named in an env file, set or commented out (`# NAME=…`). */
function envFileNames(text: string): { set: string[]; commented: string[] } {
  const set = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
  const commented = [...text.matchAll(/^# ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
  return { set, commented };
}

/** Variables compose.yaml itself uses (`${NAME}`), not the app: they may be in .env.example too. */
const COMPOSE_ONLY = ['POSTGRES_PASSWORD', 'RAPPORT_HOST'];

const rapportServices = (compose: Compose) =>
  Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'Dockerfile');

describe('deploy/compose.yaml', () => {
  const { $schema: draft, ...schema } = JSON.parse(
    read('test', 'fixtures', 'compose-spec', 'compose-spec.json'),
  ) as Json;
  // Draft-07 is Ajv's own; the schema names it by an https URL Ajv does not list, so it is dropped.
  // `strict: false`: the schema uses annotations Ajv does not know (`deprecated`).
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  test('the schema is draft-07, the draft Ajv validates by default', () => {
    expect(draft).toMatch(/json-schema\.org\/draft-07\/schema/);
  });

  test('follows the Compose Specification (its JSON schema), which refuses a misspelt key', () => {
    const compose = readCompose();
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    const misspelt = structuredClone(compose) as unknown as { services: Record<string, Json> };
    misspelt.services.postgres!.helthcheck = misspelt.services.postgres!.healthcheck;
    expect(validate(misspelt)).toBe(false);
  });

  test('runs two Rapport replicas built from the Dockerfile, once Postgres 16 is healthy', () => {
    const compose = readCompose();
    const replicas = rapportServices(compose);
    expect(replicas).toHaveLength(2);
    expect(compose.services.postgres?.image).toMatch(/^postgres:16(-|$)/);
    for (const [, service] of replicas) {
      expect(existsSync(join(projectPath('deploy'), service.build!.context, service.build!.dockerfile))).toBe(
        true,
      );
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
      expect(service.environment?.DATABASE_URL).toMatch(
        /^postgres:\/\/rapport:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/rapport$/,
      );
      expect(service.read_only).toBe(true);
    }
    // The proxy starts once both replicas are ready.
    expect(compose.services.proxy?.depends_on).toEqual(
      Object.fromEntries(replicas.map(([name]) => [name, { condition: 'service_healthy' }])),
    );
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, service.healthcheck?.test.length ?? 0]).not.toEqual([name, 0]);
    }
  });

  test("gives each replica longer to stop than the app's own shutdown deadline", () => {
    const deadline = shutdownDeadlineSeconds();
    for (const [, service] of rapportServices(readCompose())) {
      expect(durationSeconds(service.stop_grace_period ?? '10s')).toBeGreaterThan(deadline);
    }
  });

  test('the proxy sends both replicas what the app serves to Slack and the probes, and nothing else', () => {
    const caddy = read('deploy', 'Caddyfile');
    const routed = /^\s*@rapport path (.+)$/m.exec(caddy)?.[1]?.trim().split(/\s+/);
    expect(routed?.sort()).toEqual(
      [SLACK_EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH, '/healthz', '/readyz'].sort(),
    );
    const upstreams = /^\s*reverse_proxy (.+) \{$/m.exec(caddy)?.[1]?.trim().split(/\s+/);
    expect(upstreams?.sort()).toEqual(rapportServices(readCompose()).map(([name]) => `${name}:3000`));
    expect(caddy).toMatch(/^\s*health_uri \/readyz$/m);
    // Anything else (/metrics included) is answered 404 by the proxy itself.
    expect(caddy).toMatch(/^\thandle \{\n\t\trespond "Not found" 404\n\t\}$/m);
  });
});

describe('the Dockerfile', () => {
  // hadolint is not packaged for Debian 12 nor on npm; .ci/run runs it where it is installed.
  // dockerfile-utils checks each instruction and its flags the way Docker's parser does.
  test('passes the checks of dockerfile-utils, which catch a malformed instruction', () => {
    const text = read('Dockerfile');
    expect(lintDockerfile(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    expect(lintDockerfile(text.replace('--interval=30s', '--interval=30x'))).not.toEqual([]);
  });

  test('its health check asks /healthz, and the image stops on SIGTERM as a non-root user', () => {
    const text = read('Dockerfile');
    expect(text).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/healthz/m);
    expect(text).toMatch(/^STOPSIGNAL SIGTERM$/m);
    // A numeric user, so that Kubernetes can check runAsNonRoot (and hadolint's DL3066).
    expect(text).toMatch(/^USER 1000:1000$/m);
  });

  test('leaves deploy/ (its .env, the database dumps) out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toContain('deploy');
    expect(ignored).toContain('.env');
  });
});

describe('deploy/k8s', () => {
  const [deployment] = readK8s('deployment.yaml');
  const pod = (deployment as { spec: { template: { spec: Json } } }).spec.template.spec as {
    terminationGracePeriodSeconds: number;
    securityContext: Json;
    containers: {
      ports: { name: string; containerPort: number }[];
      env: { name: string; value?: string }[];
      envFrom: { secretRef: { name: string } }[];
      readinessProbe: { httpGet: { path: string; port: string } };
      livenessProbe: { httpGet: { path: string; port: string } };
      startupProbe: { httpGet: { path: string; port: string } };
      lifecycle: { preStop: { exec: { command: string[] } } };
      resources: { requests: Json; limits: Json };
      securityContext: Json;
    }[];
  };
  const container = pod.containers[0]!;

  test("every manifest is valid against Kubernetes' schemas, which refuse a wrong type", () => {
    const kinds: Record<string, { validate(): void } & (new (data: never) => { validate(): void })> = {
      Deployment: Deployment as never,
      Service: Service as never,
      PodDisruptionBudget: PodDisruptionBudget as never,
      Secret: Secret as never,
      Ingress: Ingress as never,
    };
    const files = readdirSync(projectPath('deploy', 'k8s')).filter(
      (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
    );
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      for (const doc of readK8s(file)) {
        const Kind = kinds[doc.kind as string];
        expect([file, Kind === undefined]).toEqual([file, false]);
        expect(() => new Kind!(doc as never).validate()).not.toThrow();
      }
    }
    const wrong = structuredClone(deployment) as { spec: Json };
    wrong.spec.replicas = 'two';
    expect(() => new Deployment(wrong as never).validate()).toThrow(/replicas/);
    // kubectl apply -k deploy/k8s: what it lists exists.
    const kustomization = readK8s('kustomization.yaml')[0] as { resources: string[] };
    for (const file of kustomization.resources)
      expect(existsSync(projectPath('deploy', 'k8s', file))).toBe(true);
  });

  test('two replicas, ready on /readyz, alive on /healthz, on the port the container names', () => {
    expect((deployment as { spec: { replicas: number } }).spec.replicas).toBe(2);
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    const port = container.ports[0]!;
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(probe.httpGet.port).toBe(port.name);
    }
    expect(container.env.find((e) => e.name === 'PORT')?.value).toBe(String(port.containerPort));
    expect(container.resources.requests).toEqual(
      expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
    );
    expect(container.resources.limits).toEqual(expect.objectContaining({ memory: expect.anything() }));
  });

  test("the preStop pause and the app's shutdown deadline fit in the termination grace period", () => {
    const [command, seconds] = container.lifecycle.preStop.exec.command;
    expect(command).toBe('sleep');
    const needed = Number(seconds) + shutdownDeadlineSeconds();
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(needed);
  });

  test("runs as the image's non-root user on a read-only filesystem", () => {
    const [, uid, gid] = /^USER (\d+):(\d+)$/m.exec(read('Dockerfile')) ?? [];
    expect(pod.securityContext).toEqual(
      expect.objectContaining({ runAsNonRoot: true, runAsUser: Number(uid), runAsGroup: Number(gid) }),
    );
    expect(container.securityContext).toEqual(
      expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }),
    );
  });

  test('the Service, the disruption budget and the Ingress reach the pods on their named port', () => {
    const labels = (deployment as { spec: { template: { metadata: { labels: Json } } } }).spec.template
      .metadata.labels;
    const [service] = readK8s('service.yaml') as { metadata: { name: string }; spec: Json }[];
    const [pdb] = readK8s('pdb.yaml') as {
      spec: { selector: { matchLabels: Json }; minAvailable: number };
    }[];
    const [ingress] = readK8s('ingress.example.yaml') as {
      spec: { rules: { http: { paths: { path: string; backend: { service: Json } }[] } }[] };
    }[];
    expect(labels).toEqual(expect.objectContaining(service!.spec.selector as Json));
    expect(labels).toEqual(expect.objectContaining(pdb!.spec.selector.matchLabels));
    expect(pdb!.spec.minAvailable).toBeLessThan(2);
    expect((service!.spec.ports as { targetPort: string }[])[0]!.targetPort).toBe(container.ports[0]!.name);
    const paths = ingress!.spec.rules.flatMap((r) => r.http.paths);
    expect(paths.map((p) => p.path).sort()).toEqual(
      [SLACK_EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH, '/healthz', '/readyz'].sort(),
    );
    for (const p of paths)
      expect(p.backend.service).toEqual({ name: service!.metadata.name, port: { name: 'http' } });
    expect(container.envFrom[0]!.secretRef.name).toBe(
      (readK8s('secret.example.yaml')[0] as Json & { metadata: { name: string } }).metadata.name,
    );
  });
});

describe('the variables deploy/ sets', () => {
  test('are all read by the app (or, for compose.yaml, used by compose.yaml itself)', () => {
    const reads = variablesTheAppReads();
    const compose = readCompose();
    const composeText = read('deploy', 'compose.yaml');
    const envExample = envFileNames(read('deploy', '.env.example'));
    const secretText = read('deploy', 'k8s', 'secret.example.yaml');
    const secret = readK8s('secret.example.yaml')[0] as { stringData: Json };
    const [deployment] = readK8s('deployment.yaml') as {
      spec: { template: { spec: { containers: { env: { name: string }[] }[] } } };
    }[];
    const set = new Set([
      ...rapportServices(compose).flatMap(([, s]) => Object.keys(s.environment ?? {})),
      ...envExample.set,
      ...envExample.commented,
      ...Object.keys(secret.stringData),
      ...[...secretText.matchAll(/^ {2}# ([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!),
      ...deployment!.spec.template.spec.containers.flatMap((c) => c.env.map((e) => e.name)),
    ]);
    expect(set.size).toBeGreaterThan(10);
    const unknown = [...set].filter((name) => !reads.has(name) && !COMPOSE_ONLY.includes(name));
    expect(unknown).toEqual([]);
    for (const name of COMPOSE_ONLY) expect(composeText).toContain(`\${${name}`);
    // Each replica takes deploy/.env, where the Slack variables are.
    for (const [, service] of rapportServices(compose)) expect(service.env_file).toBe('.env');
  });

  test("README.md's Configuration table lists every variable src/config.ts reads", () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## `/kudos`'));
    const listed = new Set([...table.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1]!));
    const fromConfig = [...read('src', 'config.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    expect(fromConfig.length).toBeGreaterThan(10);
    expect([...new Set(fromConfig)].filter((name) => !listed.has(name))).toEqual([]);
  });
});

describe('the paths deploy/ routes and probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: OAUTH_ENV });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('are served by the app', async () => {
    // The probes answer 200; Slack's paths answer their own way (an unsigned request is refused,
    // the install page shows), never the 404 of a path the app does not serve.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${t.url}/slack/nowhere`)).status).toBe(404);
    const answers = await Promise.all([
      fetch(`${t.url}${SLACK_EVENTS_PATH}`, { method: 'POST', body: '{}' }),
      fetch(`${t.url}${INSTALL_PATH}`),
      fetch(`${t.url}${REDIRECT_PATH}`),
    ]);
    for (const answer of answers) {
      await answer.arrayBuffer();
      expect([answer.url, answer.status]).not.toEqual([answer.url, 404]);
    }
    // The compose healthcheck asks the same /readyz.
    const compose = readCompose();
    for (const [, service] of rapportServices(compose)) {
      expect(service.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:3000/readyz');
    }
  });
});
