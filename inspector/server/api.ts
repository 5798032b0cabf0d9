/**
 * The inspector API under `/__harness/` (see inspector/README.md): worlds and their control APIs, EIC views and
 * actions, package validation and loading, scenarios and runs, server-sent events. Everything else under
 * `/__harness/` goes to the live fake's control API, which is also created here (one snapshot list for both paths).
 * Same access rule as the control API: with an admin token every call needs `Authorization: Bearer <token>`.
 */
import { type Identity, TASK_TYPES, type TaskType } from '../../harness/eic/types.ts';
import { allow as allowMethods, errorResponse, json, jsonObject, readJson } from '../../lib/http-json.ts';
import { formatBytes, LIMITS } from '../../lib/limits.ts';
import { SecretSet, secretValuesIn } from '../../lib/redact.ts';
import {
  CONTROL_PREFIX,
  createControlApi,
  isAuthorized,
  isControlPath,
  journalAnswer,
  journalHar,
} from '../../mocks/leanix/control.ts';
import type { FakeLeanIX } from '../../mocks/leanix/fake.ts';
import type { RequestHandler } from '../../mocks/leanix/faults.ts';
import type { Mount } from '../../mocks/leanix/http-server.ts';
import { eicView, exchangesView, taskView } from './eic-views.ts';
import { EventHub } from './events.ts';
import { loadPackageInto, packageFromUpload, replaceConnection, uploadName, validationOf } from './packages.ts';
import { apiError } from './respond.ts';
import { RunQueue } from './runs.ts';
import { ScenarioCatalog, type ScenarioSource } from './scenarios.ts';
import { UploadStore } from './uploads.ts';
import { type InspectorWorld, WorldRegistry } from './worlds.ts';

/** The inspector's routes, listed by `GET /__harness` beside the control API's. */
export const INSPECTOR_ROUTES = [
  'GET /__harness/worlds',
  'GET /__harness/worlds/{id}',
  '* /__harness/worlds/{id}/{control route}',
  'GET /__harness/worlds/{id}/eic',
  'GET /__harness/worlds/{id}/eic/exchanges?owner=task:{id}|job:{id}&journal={entry id}&summary=true',
  'GET|DELETE /__harness/worlds/{id}/token-server/journal',
  'GET /__harness/worlds/{id}/token-server/journal.har',
  'POST /__harness/worlds/{id}/eic/import',
  'POST /__harness/worlds/{id}/eic/wsretry',
  'POST /__harness/worlds/{id}/eic/tasks',
  'POST /__harness/worlds/{id}/eic/identities',
  'PUT /__harness/worlds/live/eic/package?name={file name}',
  'PUT /__harness/worlds/live/eic/connection?name={file name}',
  'POST /__harness/packages/validate?name={file name}',
  'GET|POST /__harness/scenarios',
  'GET /__harness/scenarios/{id}',
  'POST /__harness/scenarios/{id}/run?variant={name}',
  'GET /__harness/runs',
  'GET /__harness/runs/{runId}',
  'GET /__harness/events',
];

/** Options of the inspector API. */
export interface InspectorApiOptions {
  /** When set, every call needs `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /**
   * Where the project's scenario files are: paths as `harness run` takes them, relative to `cwd` (default:
   * `scenarios/**\/*.scenario.yaml` below the current directory, what `harness run` would run there).
   */
  scenarios?: ScenarioSource;
  /** Run worlds kept (default 10). */
  keepRuns?: number;
  /** Event poll interval in ms (default 250). */
  pollMs?: number;
}

/** The running inspector API: its handler and mount, and the parts behind it (for tests and `harness serve`). */
export interface InspectorApi {
  /** Answers every request under `/__harness` (inspector routes, else the live control API). */
  handler: RequestHandler;
  /** The handler as a mount of the HTTP server. */
  mount: Mount;
  worlds: WorldRegistry;
  scenarios: ScenarioCatalog;
  runs: RunQueue;
  events: EventHub;
  /** Ends the event streams and timers and starts no more queued runs. */
  close(): void;
}

const str = (v: unknown, field: string, required = false): string | undefined => {
  if (v === undefined || v === null) {
    if (required) throw apiError(400, 'inspector.body', `"${field}" is required`, { path: [field] });
    return undefined;
  }
  if (typeof v !== 'string') throw apiError(400, 'inspector.body', `"${field}" must be a string`, { path: [field] });
  return v;
};

/** Creates the inspector API over the fake `harness serve` serves. */
export function createInspectorApi(fake: FakeLeanIX, options: InspectorApiOptions = {}): InspectorApi {
  const { adminToken } = options;
  const liveControl = createControlApi(fake, { adminToken, routes: INSPECTOR_ROUTES });
  const worlds = new WorldRegistry({ live: fake, liveControl, adminToken, keepRuns: options.keepRuns });
  const events = new EventHub({ worlds: () => worlds.list(), pollMs: options.pollMs });
  const uploads = new UploadStore();
  const scenarios = new ScenarioCatalog(options.scenarios, uploads);
  const runs = new RunQueue({ catalog: scenarios, worlds, events });

  const worldOf = (id: string): InspectorWorld => {
    const w = worlds.get(id);
    if (!w)
      throw apiError(404, 'inspector.world', `no world ${JSON.stringify(id)}`, {
        hint: `worlds: ${worlds
          .list()
          .map((x) => x.id)
          .join(', ')}`,
      });
    return w;
  };
  const emulatorOf = (w: InspectorWorld) => {
    if (!w.emu)
      throw apiError(409, 'inspector.no-package', `world ${w.id} has no EIC emulator yet`, {
        hint: 'load a connection package first: PUT /__harness/worlds/live/eic/package?name=<file name>',
      });
    return w.emu;
  };

  const eicRoute = async (req: Request, w: InspectorWorld, action: string | undefined, url: URL) => {
    // what a world's EIC side answers passes through the world's secrets (task and identity passwords, tokens)
    const answer = (status: number, body: unknown) => json(status, w.fake.secrets.redactValue(body));
    switch (action) {
      case undefined:
        allowMethods(req, ['GET'], 'inspector');
        return answer(200, eicView(w));
      case 'exchanges':
        allowMethods(req, ['GET'], 'inspector');
        return answer(200, exchangesView(w, url.searchParams));
      case 'import': {
        allowMethods(req, ['POST'], 'inspector');
        const emu = emulatorOf(w);
        const body = jsonObject(await readJson(req, 'inspector', true), 'inspector');
        const kind = body.kind ?? 'accounts';
        if (kind !== 'accounts' && kind !== 'access')
          throw apiError(400, 'inspector.body', `"kind" must be "accounts" or "access", got ${JSON.stringify(kind)}`, {
            path: ['kind'],
          });
        const opts = { sleep: async (ms: number) => w.fake.clock.advance(ms) };
        const report = kind === 'accounts' ? await emu.runAccountImport(opts) : await emu.runAccessImport(opts);
        events.notify(w.id, ['eic']);
        return answer(200, { report });
      }
      case 'wsretry': {
        allowMethods(req, ['POST'], 'inspector');
        const report = await emulatorOf(w).runProvisioningJob();
        events.notify(w.id, ['eic']);
        return answer(200, { report });
      }
      case 'tasks': {
        allowMethods(req, ['POST'], 'inspector');
        const emu = emulatorOf(w);
        const body = jsonObject(await readJson(req, 'inspector'), 'inspector');
        const type = str(body.type, 'type', true) as TaskType;
        if (!TASK_TYPES.includes(type))
          throw apiError(400, 'inspector.body', `unknown task type ${JSON.stringify(type)}`, {
            path: ['type'],
            hint: `known: ${TASK_TYPES.join(', ')}`,
          });
        let entitlement: { type: string; entitlementID: string } | null = null;
        if (body.entitlement !== undefined && body.entitlement !== null) {
          const e = body.entitlement as Record<string, unknown>;
          if (typeof e !== 'object' || typeof e.type !== 'string' || typeof e.id !== 'string')
            throw apiError(400, 'inspector.body', '"entitlement" must be {"type": string, "id": string}', {
              path: ['entitlement'],
            });
          entitlement = { type: e.type, entitlementID: e.id };
        }
        const attributes = body.attributes ?? {};
        if (typeof attributes !== 'object' || Array.isArray(attributes))
          throw apiError(400, 'inspector.body', '"attributes" must be an object', { path: ['attributes'] });
        const run = body.run ?? 'submit';
        if (run !== 'submit' && run !== 'instant')
          throw apiError(400, 'inspector.body', `"run" must be "submit" or "instant"`, { path: ['run'] });
        const input = {
          type,
          identity: str(body.identity, 'identity') ?? null,
          accountName: str(body.account, 'account') ?? null,
          entitlement,
          attributes: attributes as Record<string, unknown>,
        };
        w.fake.secrets.addAll(secretValuesIn(attributes));
        const task = run === 'instant' ? await emu.runTask(input) : await emu.submitTask(input);
        events.notify(w.id, ['eic']);
        return answer(201, { task: taskView(task) });
      }
      case 'identities': {
        allowMethods(req, ['POST'], 'inspector');
        const emu = emulatorOf(w);
        const body = jsonObject(await readJson(req, 'inspector'), 'inspector');
        if (!Array.isArray(body.identities))
          throw apiError(400, 'inspector.body', 'expected {"identities": [{"username": ..., ...}]}', {
            path: ['identities'],
          });
        w.fake.secrets.addAll(secretValuesIn(body.identities));
        body.identities.forEach((i, n) => {
          try {
            emu.state.upsertIdentity(i as Identity);
          } catch (e) {
            throw apiError(400, 'inspector.body', e instanceof Error ? e.message : String(e), {
              path: ['identities', n],
            });
          }
        });
        events.notify(w.id, ['eic']);
        return answer(200, { identities: emu.state.listIdentities() });
      }
      case 'package': {
        allowMethods(req, ['PUT'], 'inspector');
        if (w.kind !== 'live')
          throw apiError(400, 'inspector.world', 'a package can only be loaded into the live world', {
            hint: 'run worlds keep the package of their scenario',
          });
        const name = uploadName(url, 'package');
        const bytes = new Uint8Array(await req.arrayBuffer());
        const pkg = packageFromUpload(bytes, name);
        uploads.save(name, bytes);
        const result = loadPackageInto(w, pkg, name, url.searchParams.get('workspace') ?? undefined);
        events.notify(w.id, ['eic']);
        events.send('worlds', {});
        return json(200, { package: result.package, diagnostics: result.diagnostics, summary: result.summary });
      }
      case 'connection': {
        allowMethods(req, ['PUT'], 'inspector');
        if (w.kind !== 'live')
          throw apiError(400, 'inspector.world', 'a ConnectionJSON can only be given to the live world', {
            hint: 'run worlds keep the package of their scenario',
          });
        const name = uploadName(url, 'ConnectionJSON.json');
        const text = await req.text();
        const result = replaceConnection(w, text, name);
        uploads.save(name, new TextEncoder().encode(text));
        events.notify(w.id, ['eic']);
        return json(200, { package: result.package, diagnostics: result.diagnostics, summary: result.summary });
      }
    }
    throw apiError(404, 'inspector.route', `no EIC route ${req.method} ${url.pathname}`, {
      hint: `routes: ${INSPECTOR_ROUTES.filter((r) => r.includes('/eic')).join('; ')}`,
    });
  };

  /** The journal of a run world's token server (`given.tokenServer`): the same filters and HAR as the fake's. */
  const tokenServerRoute = (req: Request, w: InspectorWorld, rest: string[], url: URL) => {
    const [what, ...more] = rest;
    if (more.length > 0 || (what !== 'journal' && what !== 'journal.har'))
      throw apiError(404, 'inspector.route', `no token-server route ${req.method} ${url.pathname}`, {
        hint: `routes: ${INSPECTOR_ROUTES.filter((r) => r.includes('/token-server')).join('; ')}`,
      });
    if (!w.tokenJournal)
      throw apiError(404, 'inspector.token-server', `world ${w.id} has no token server`, {
        hint: 'a scenario world has one when its scenario sets given.tokenServer',
      });
    if (what === 'journal.har') {
      allowMethods(req, ['GET'], 'inspector');
      return journalHar(w.tokenJournal, url, 'token-server.har');
    }
    allowMethods(req, ['GET', 'DELETE'], 'inspector');
    const res = journalAnswer(w.tokenJournal, req.method, url);
    if (req.method === 'DELETE') events.notify(w.id, ['journal']);
    return res;
  };

  const worldRoute = async (req: Request, url: URL, segs: string[]) => {
    const [id, area, ...rest] = segs;
    if (id === undefined) {
      allowMethods(req, ['GET'], 'inspector');
      return json(200, { worlds: worlds.list().map((w) => worlds.summary(w)) });
    }
    const w = worldOf(decodeURIComponent(id));
    if (area === undefined) {
      allowMethods(req, ['GET'], 'inspector');
      return json(200, { world: worlds.summary(w) });
    }
    if (area === 'eic') {
      if (rest.length > 1) throw apiError(404, 'inspector.route', `no EIC route ${req.method} ${url.pathname}`);
      return eicRoute(req, w, rest[0], url);
    }
    if (area === 'token-server') return tokenServerRoute(req, w, rest, url);
    // The world's fake control API, under its own prefix.
    const inner = `${w.controlPrefix}/${[area, ...rest].join('/')}${url.search}`;
    const res = await w.control(new Request(new URL(inner, url), forward(req)));
    if (req.method !== 'GET') events.notify(w.id, []);
    return res;
  };

  const scenarioRoute = async (req: Request, url: URL, segs: string[]) => {
    if (segs.length === 0) {
      allowMethods(req, ['GET', 'POST'], 'inspector');
      if (req.method === 'GET') return json(200, { scenarios: scenarios.list(), source: scenarios.info() });
      const name = uploadName(url, 'upload.scenario.yaml');
      const text = await req.text();
      if (Buffer.byteLength(text) > LIMITS.scenarioBytes)
        throw apiError(
          413,
          'limit.size',
          `${name} is larger than the scenario limit of ${formatBytes(LIMITS.scenarioBytes)}`,
          {
            location: { file: name },
            hint: 'see "Limits" in the README',
          },
        );
      const r = scenarios.upload(name, text);
      if (!r.ok) {
        const first = r.diagnostics[0];
        const at = first?.location?.line ? ` (line ${first.location.line}, column ${first.location.column})` : '';
        throw apiError(400, 'scenario.invalid', `${name}: ${first?.message ?? 'not a scenario'}${at}`, {
          location: first?.location,
          body: { diagnostics: r.diagnostics },
        });
      }
      events.send('scenarios', {});
      return json(201, { scenario: r.scenario });
    }
    const run = segs.at(-1) === 'run' && segs.length > 1;
    const id = segs
      .slice(0, run ? -1 : undefined)
      .map(decodeURIComponent)
      .join('/');
    if (run) {
      allowMethods(req, ['POST'], 'inspector');
      // a scenario with variants runs once per variant unless ?variant= names one; `run` is the first
      const started = runs.start(id, url.searchParams.get('variant') ?? undefined);
      return json(202, { run: started[0], runs: started });
    }
    allowMethods(req, ['GET'], 'inspector');
    const s = scenarios.get(id);
    if (!s) throw apiError(404, 'inspector.scenario', `no scenario with id ${JSON.stringify(id)}`);
    return json(200, { scenario: s });
  };

  const route = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const segs = path.slice(CONTROL_PREFIX.length).split('/').filter(Boolean);
    const [head, ...rest] = segs;
    switch (head) {
      case 'events':
        allowMethods(req, ['GET'], 'inspector');
        if (rest.length > 0) break;
        return events.connect();
      case 'worlds':
        return worldRoute(req, url, rest);
      case 'scenarios':
        return scenarioRoute(req, url, rest);
      case 'runs': {
        allowMethods(req, ['GET'], 'inspector');
        if (rest.length === 0) return json(200, { runs: runs.list() });
        const r = rest.length === 1 ? runs.get(decodeURIComponent(rest[0])) : undefined;
        if (!r) throw apiError(404, 'inspector.run', `no run ${JSON.stringify(rest.join('/'))}`);
        return json(200, { run: r });
      }
      case 'packages':
        if (rest.length === 1 && rest[0] === 'validate') {
          allowMethods(req, ['POST'], 'inspector');
          const name = uploadName(url);
          const bytes = new Uint8Array(await req.arrayBuffer());
          const pkg = packageFromUpload(bytes, name);
          const result = validationOf(pkg, name);
          uploads.save(name, bytes);
          const secrets = new SecretSet();
          secrets.addAll(secretValuesIn(pkg.attributes.ConnectionJSON?.json));
          return json(200, secrets.redactValue(result));
        }
        throw apiError(404, 'inspector.route', `no route ${req.method} ${path}`, {
          hint: 'POST /__harness/packages/validate?name=<file name>',
        });
    }
    // Anything else is the live fake's control API.
    const res = await liveControl(req);
    if (req.method !== 'GET') events.notify('live', []);
    return res;
  };

  const handler: RequestHandler = async (req) => {
    try {
      if (!isAuthorized(req, adminToken))
        throw apiError(401, 'control.unauthorized', 'the control API needs Authorization: Bearer <admin token>');
      return await route(req);
    } catch (e) {
      return errorResponse(e, 'inspector');
    }
  };

  return {
    handler,
    mount: { match: isControlPath, handler },
    worlds,
    scenarios,
    runs,
    events,
    close() {
      runs.close();
      events.close();
      uploads.close();
    },
  };
}

/** The init of a request forwarded to another path: same method, headers and body. */
function forward(req: Request): RequestInit {
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: req.headers };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = req.body;
    init.duplex = 'half';
  }
  return init;
}
