import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type Client, createUser, login } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { multipartBody, TINY_PDF } from './multipart.js';
import { populatedTenant } from './world.js';

/**
 * Generated bad inputs, from the OpenAPI document, sent to every operation as each role: no answer
 * may be a 5xx. Each case starts from a valid request (built from the operation's schemas and real
 * identifiers) and breaks one thing — one parameter, one field of the body, the whole body, or the
 * multipart form — so that the hostile value reaches as far as validation lets it. Fixed seed and a
 * bounded number of cases: the same requests on every run.
 */
const SEED = 20261207;
/** Besides the two sweeping cases (NUL everywhere, limits everywhere). */
const RANDOM_CASES_PER_OPERATION = 3;

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  multipart: boolean;
};

/** Strings, numbers and shapes that broke or could break a server. */
const hostileStrings = [
  '\u0000',
  'a\u0000b',
  '\u001b[31m',
  '\u202efdp.exe',
  'x'.repeat(100_000),
  '',
  ' ',
  '-1',
  '1e308',
  '99999999999999999999',
  'NaN',
  '2026-02-30',
  '0000-00-00',
  '99999-12-31',
  '2026-13-01',
  '1900-01-01',
  '../../etc/passwd',
  "' OR 1=1 --",
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '😀'.repeat(50),
  '\ud800',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const hostileValues: unknown[] = [
  ...hostileStrings,
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e308,
  -1e308,
  [],
  [null],
  {},
  { a: 1 },
  ['\u0000'],
];

/**
 * A value for a schema: `valid` as far as the schema says (real identifiers by name), `edge` at the
 * schema's own limits (the longest string, the largest number it lets through: what the database
 * may not hold), `nul` with a NUL in every free text.
 */
type Mode = 'valid' | 'edge' | 'nul';

function sample(
  schema: JsonSchema | undefined,
  name: string,
  ids: Record<string, string>,
  mode: Mode = 'valid',
): unknown {
  if (!schema) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined && mode === 'valid') return schema.default;
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (options) return sample(options.find((o) => o.type !== 'null') ?? options[0], name, ids, mode);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, child]) => [key, sample(child, key, ids, mode)]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sample(schema.items, name, ids, mode));
    case 'integer':
    case 'number':
      return mode === 'edge'
        ? (schema.maximum ?? 2 ** 31)
        : Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return sampleString(schema, name, ids, mode);
  }
}

function sampleString(schema: JsonSchema, name: string, ids: Record<string, string>, mode: Mode): string {
  if (schema.format === 'uuid') return ids[name] ?? '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'email' || /e-?mail/i.test(name)) return 'fuzz@statutis.test';
  if (schema.format === 'date-time') return '2026-03-05T10:00:00.000Z';
  const candidates = ['2026-03-05', '10:30', '1841276451089', 'Texte'.padEnd(Math.max(5, schema.minLength ?? 0), 'x')];
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return candidates.find((c) => pattern.test(c)) ?? 'a';
  }
  if (/date|debut|fin|^le$|depart|entree|naissance/i.test(name)) return mode === 'edge' ? '9999-12-31' : '2026-03-05';
  if (mode === 'nul') return 'a\u0000';
  if (mode === 'edge') return 'é'.repeat(Math.min(schema.maxLength ?? 20_000, 20_000));
  return candidates[3]!;
}

/** Every path to a value inside a JSON sample, the root included (''). */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const paths = [path];
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      paths.push(...leafPaths(v, [...path, Array.isArray(value) ? Number(k) : k]));
  return paths;
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1]!] = replacement;
  return copy;
}

type Case =
  /** Every parameter and every field at once: NUL in free texts, or values at the schema's limits. */
  | { kind: 'everywhere'; mode: 'nul' | 'edge' }
  | { kind: 'parameter'; index: number; value: string | string[] }
  | { kind: 'body'; path: number; value: unknown }
  | { kind: 'multipart'; variant: number; value: string };

const multipartVariants = [
  'no boundary',
  'cut short',
  'cut in the headers',
  'wrong type',
  'hostile field',
  'hostile file name',
  'empty file',
  'json',
] as const;

function caseArbitrary(op: Operation, bodyPaths: number): fc.Arbitrary<Case> {
  const hostileString = fc.constantFrom(...hostileStrings);
  const arbitraries: fc.Arbitrary<Case>[] = [];
  if (op.parameters.length > 0)
    arbitraries.push(
      fc.record({
        kind: fc.constant('parameter' as const),
        index: fc.nat({ max: op.parameters.length - 1 }),
        value: fc.oneof(hostileString, fc.array(hostileString, { minLength: 2, maxLength: 3 })),
      }),
    );
  if (op.body && !op.multipart)
    arbitraries.push(
      fc.record({
        kind: fc.constant('body' as const),
        path: fc.nat({ max: bodyPaths - 1 }),
        value: fc.constantFrom(...hostileValues),
      }),
    );
  if (op.multipart)
    arbitraries.push(
      fc.record({
        kind: fc.constant('multipart' as const),
        variant: fc.nat({ max: multipartVariants.length - 1 }),
        value: hostileString,
      }),
    );
  return arbitraries.length > 0 ? fc.oneof(...arbitraries) : fc.constant({ kind: 'parameter', index: -1, value: '' });
}

/** The request a case describes. */
function build(op: Operation, c: Case, ids: Record<string, string>, body: unknown) {
  const params: Record<string, string | string[]> = {};
  for (const p of op.parameters) {
    if (p.in === 'path') params[p.name] = pathValue(op.path, p.name, ids);
    else if (p.required) params[p.name] = String(sample(p.schema, p.name, ids));
  }
  let payload: unknown = body;
  let headers: Record<string, string> = {};
  if (c.kind === 'everywhere') {
    for (const p of op.parameters) if (p.in === 'query') params[p.name] = String(sample(p.schema, p.name, ids, c.mode));
    if (body !== undefined && op.body) payload = sample(op.body, '', ids, c.mode);
  }
  if (c.kind === 'parameter' && c.index >= 0) {
    const p = op.parameters[c.index]!;
    params[p.name] = p.in === 'path' && Array.isArray(c.value) ? c.value.join(',') : c.value;
  }
  if (c.kind === 'body') payload = setAt(body, leafPaths(body)[c.path]!, c.value);
  if (payload !== undefined && !op.multipart) {
    payload = JSON.stringify(payload);
    headers = { 'content-type': 'application/json' };
  }
  if (op.multipart) {
    const variant = c.kind === 'multipart' ? multipartVariants[c.variant]! : 'hostile field';
    const everywhere = c.kind === 'everywhere' && c.mode === 'edge' ? 'é'.repeat(20_000) : '\u0000';
    const value = c.kind === 'multipart' ? c.value : everywhere;
    const form = multipartBody(
      {
        name: variant === 'hostile file name' ? `${value}.pdf` : 'a.pdf',
        content: variant === 'empty file' ? '' : TINY_PDF,
      },
      'fichier',
      { code: 'autre', libelle: variant === 'hostile field' ? value : 'Divers' },
    );
    headers = form.headers;
    payload = form.payload;
    if (variant === 'no boundary') headers = { 'content-type': 'multipart/form-data' };
    if (variant === 'cut short') payload = form.payload.subarray(0, form.payload.length - 50);
    if (variant === 'cut in the headers') payload = form.payload.subarray(0, 30);
    if (variant === 'wrong type') headers = { 'content-type': 'application/xml' };
    if (variant === 'json') {
      headers = { 'content-type': 'application/json' };
      payload = JSON.stringify({ fichier: value });
    }
  }
  let url = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const value = params[p.name];
    if (value === undefined) continue;
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodePathSegment(String(value)));
    else if (p.in === 'query') for (const v of [value].flat()) query.append(p.name, v);
  }
  const search = query.toString();
  return { url: search ? `${url}?${search}` : url, payload, headers };
}

/** A lone surrogate cannot be percent-encoded: it is sent as the invalid UTF-8 it would be. */
function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** A real identifier for each path parameter, chosen by the route it belongs to. */
function pathValue(path: string, name: string, ids: Record<string, string>): string {
  if (name === 'annee') return '2026';
  if (name !== 'id') return ids[name] ?? '00000000-0000-4000-8000-000000000000';
  const byPrefix: [RegExp, string][] = [
    [/^\/api\/sinistres\/\{id\}\/(enquete|imputabilite|.*\.pdf)/, 'accidentId'],
    [/^\/api\/(gestion\/)?sinistres\//, 'sinistreId'],
    [/^\/api\/agents\/imports\//, 'importId'],
    [/^\/api\/agents\//, 'agentId'],
    [/^\/api\/bases\//, 'baseId'],
    [/^\/api\/comptes\//, 'compteId'],
    [/^\/api\/(gestion\/)?contrats\//, 'contratId'],
    [/^\/api\/gestion\/catalogue-pieces\//, 'modeleId'],
  ];
  const key = byPrefix.find(([re]) => re.test(path))?.[1];
  return (key && ids[key]) ?? '00000000-0000-4000-8000-000000000000';
}

function operationsOf(document: {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      return {
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body: content['application/json']?.schema ?? content['multipart/form-data']?.schema,
        multipart: 'multipart/form-data' in content,
      };
    }),
  );
}

describeEachDatabase('fuzzing depuis le document OpenAPI : aucune réponse 5xx', (ctx) => {
  it('answers every generated bad input to every operation, as each role, without a server error', async () => {
    const c: TestContext = ctx();
    const world = await populatedTenant(c);
    const db = c.database.db;
    const victim = await createUser(db, { collectiviteId: world.t.collectivite.id, role: 'lecteur' });
    const gestionnaireUser = await createUser(db, {
      staffRole: 'gestionnaire',
      staffCdgId: world.t.collectivite.cdgId,
    });
    const plateformeUser = await createUser(db, {
      staffRole: 'admin_plateforme',
      collectiviteId: world.t.collectivite.id,
      role: 'administrateur',
    });
    const ids: Record<string, string> = {
      agentId: world.agentId,
      contratId: world.contrat.id,
      collectiviteId: world.t.collectivite.id,
      sinistreId: world.sinistreId,
      accidentId: world.accidentId,
      arretId: world.arretId,
      pieceId: world.pieceId,
      importId: world.importId,
      baseId: world.baseId,
      documentId: world.documentId,
      modeleId: world.modeleId,
      compteId: victim.id,
    };
    const choose = async (client: Client) => {
      const r = await client.request('PUT', '/api/auth/session/collectivite', {
        collectiviteId: world.t.collectivite.id,
      });
      expect(r.statusCode, r.body).toBe(200);
      return client;
    };
    const roles: Record<string, () => Promise<Client | null>> = {
      anonyme: async () => null,
      lecteur: () => login(c, world.t.users.lecteur.email),
      // The role that declares: most writes of the employer space are his.
      publicateur: () => login(c, world.t.users.publicateur.email),
      administrateur: () => login(c, world.t.users.admin.email),
      gestionnaire: async () => choose(await login(c, gestionnaireUser.email)),
      'administrateur de la plateforme': () => login(c, plateformeUser.email),
    };

    const document = (await c.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // Logging out would end the session the next operations use: it takes no input anyway.
    const operations = operationsOf(document).filter((op) => op.path !== '/api/auth/deconnexion');
    expect(operations.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const [roleIndex, [role, connect]] of Object.entries(roles).entries()) {
      let client = await connect();
      for (const op of operations) {
        const body = op.body && !op.multipart ? sample(op.body, '', ids) : undefined;
        const bodyPaths = body === undefined ? 1 : leafPaths(body).length;
        const cases: Case[] = [
          { kind: 'everywhere', mode: 'nul' },
          { kind: 'everywhere', mode: 'edge' },
          // One seed per role: each role gets other cases, the run stays the same every time.
          ...fc.sample(caseArbitrary(op, bodyPaths), { seed: SEED + roleIndex, numRuns: RANDOM_CASES_PER_OPERATION }),
        ];
        for (const k of cases) {
          const request = build(op, k, ids, body);
          const sent = client
            ? client.request(op.method as 'POST', request.url, request.payload, request.headers)
            : c.app.inject({
                method: op.method as 'POST',
                url: request.url,
                headers: request.headers,
                ...(request.payload !== undefined ? { payload: request.payload as string } : {}),
              });
          // A response cut after its status line (a download that fails midway) is a server error too.
          const response = await sent.catch((e: Error) => ({ statusCode: 599, body: e.message }));
          if (response.statusCode >= 500) {
            const shown = JSON.stringify(op.multipart ? k : (request.payload ?? k)).slice(0, 300);
            failures.push(`${role} ${op.method} ${request.url.slice(0, 200)} ${shown} → ${response.statusCode}`);
          }
        }
        // A case may have ended the session (an account disabled, a password changed): log in again.
        if (client && (await client.request('GET', '/api/auth/session')).statusCode === 401) client = await connect();
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
