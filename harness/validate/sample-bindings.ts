/**
 * A sample binding set for rendering templates during validation: every provisioning variable of the connector
 * reference §4 filled with plausible values (no spaces or quotes, so rendered URLs and JSON bodies only break where
 * the template itself is wrong), plus any further paths the templates reference.
 */
import { isSecretKey } from '../../lib/redact.ts';
import type { Bindings } from '../groovy/index.ts';
import { unboundNames } from './render.ts';

type Json = Record<string, unknown>;

function customProperties(prefix: string, n = 65): Json {
  const out: Json = {};
  for (let i = 1; i <= n; i++) out[`customproperty${i}`] = `${prefix}-cp${i}`;
  return out;
}

/** The fixed part of the sample bindings (§4). */
export function baseSampleBindings(): Bindings {
  const user = {
    ...customProperties('user'),
    userkey: 1001,
    username: 'jdoe',
    systemUserName: 'jdoe',
    firstname: 'Jane',
    lastname: 'Doe',
    middlename: 'Q',
    displayname: 'Jane.Doe',
    preferedFirstName: 'Jane',
    email: 'jane.doe@example.com',
    secondaryEmail: 'jd@example.org',
    employeeid: 'E1001',
    employeeclass: 'FTE',
    title: 'Engineer',
    departmentname: 'IT',
    departmentNumber: 'D42',
    companyname: 'Example',
    costcenter: 'CC100',
    city: 'Berlin',
    state: 'BE',
    country: 'DE',
    street: 'Mainstrasse1',
    regioncode: 'EU',
    siteid: 'S1',
    jobCode: 'J1',
    statuskey: 1,
    startdate: '2024-01-15',
    phonenumber: '+4930123456',
    phoneNumber: '+4930123456',
    secondaryPhone: '+4930654321',
    manager: 'msmith',
  };
  const manager = {
    ...user,
    username: 'msmith',
    systemUserName: 'msmith',
    firstname: 'Max',
    lastname: 'Smith',
    email: 'max.smith@example.com',
  };
  const account = {
    ...customProperties('acct'),
    accountID: '3f2b6c1e-8d4a-4b7e-9c2d-1a2b3c4d5e6f',
    accountkey: 2001,
    name: 'jane.doe@example.com',
    displayName: 'Jane.Doe',
    status: '1',
  };
  const entitlementValue = {
    ...customProperties('ent'),
    entitlementID: 'ADMIN',
    entitlement_value: 'ADMIN',
    displayname: 'ADMIN',
    displayName: 'ADMIN',
    description: 'Administrator',
    entitlementtype: 'Permission',
  };
  return {
    user,
    account,
    entitlementValue,
    userAccount: account,
    managerAccount: { ...account, accountID: 'mgr-acct-1', name: 'max.smith@example.com' },
    userManager: manager,
    approvers: [manager],
    accountName: 'jane.doe@example.com',
    password: 'Sample-Passw0rd!',
    requestid: 'REQ-1001',
    businessJustification: 'Access.needed.for.project',
    access_token: 'Bearer sample-access-token',
    refresh_token: 'sample-refresh-token', // ConnectionJSON refreshTokenCall httpParams (§1.2)
    task: { taskkey: 5001, accountName: 'jane.doe@example.com', tasktype: 'ADDACCESS', password: 'Sample-Passw0rd!' },
    arsTasks: { taskkey: 5001, accountName: 'jane.doe@example.com', password: 'Sample-Passw0rd!' },
    endpoint: { endpointname: 'LeanIX', customproperty1: 'ep-cp1' },
    endpoints: { endpointname: 'LeanIX', customproperty1: 'ep-cp1' },
    ServiceAccountOwnerMap: {},
    requestAccessAttributes: {},
    reqAttrs: {},
    response: {},
    connection: {},
    // Ticketing and OTP attributes (§4).
    ticketID: 'TCK-1001',
    taskIds: '5001',
    allEntitlementsValues: 'ADMIN',
    ticketStatusValue: 'Closed',
    otp: '123456',
    phone: '+4930123456',
    passCode: '123456',
    // Import-side variables.
    id: 'sample-id',
    entitlementID: 'ADMIN',
    headers: {},
  };
}

let base: Bindings | undefined;

/** The auth block as `connection` binding, with secret-named values replaced so no secret is ever rendered. */
function sampleConnection(block: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(block)) {
    out[k] = isSecretKey(k) || /token|secret|password|key/i.test(k) ? `sample-${k}` : cloneJson(v);
  }
  return out;
}

/** Deep copy of plain JSON data (faster than structuredClone for these small objects). */
function cloneJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneJson);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const k in v) out[k] = cloneJson((v as Json)[k]);
    return out;
  }
  return v;
}

const ROOTS_TO_EXTEND = new Set([
  'user',
  'account',
  'entitlementValue',
  'response',
  'requestAccessAttributes',
  'reqAttrs',
  'connection',
  'task',
  'arsTasks',
  'userManager',
  'managerAccount',
  'userAccount',
  'endpoints',
  'endpoint',
  'ServiceAccountOwnerMap',
]);

/** Property paths such as `response.call1.message.data.id` referenced in a template (method calls excluded). */
export function referencedPaths(template: string): string[][] {
  const out: string[][] = [];
  const re = /(?<![\w.$'"])([A-Za-z_]\w*)((?:\s*\??\.\s*(?:[A-Za-z_]\w*|'[^']*'|"[^"]*"))+)/g;
  let m: RegExpExecArray | null = re.exec(template);
  while (m) {
    const segs = [...m[2].matchAll(/\??\.\s*([A-Za-z_]\w*|'[^']*'|"[^"]*")/g)].map((s) =>
      s[1].replace(/^['"]|['"]$/g, ''),
    );
    const after = template.slice(m.index + m[0].length).trimStart();
    if (after.startsWith('(')) segs.pop(); // the last segment is a method call
    if (segs.length > 0) out.push([m[1], ...segs]);
    m = re.exec(template);
  }
  return out;
}

function setPath(root: Json, segs: string[]): void {
  let cur = root;
  for (let i = 0; i < segs.length; i++) {
    const k = segs[i];
    const last = i === segs.length - 1;
    const v = cur[k];
    if (last) {
      if (v === undefined || v === null) cur[k] = `sample-${k}`;
      return;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      if (v !== undefined && v !== null) return; // keep a plain value already set
      cur[k] = {};
    }
    cur = cur[k] as Json;
  }
}

/**
 * Sample bindings for the given templates: the fixed set, the auth block as `connection` (when given), a sample value
 * at every further path the templates reference under known roots (e.g. `response.call1.message.x`), and a sample
 * string for every unknown name a template reads (reported as `binding.unknown`), so its URL and body still render.
 */
export function sampleBindings(
  templates: readonly string[],
  connectionBlock?: Json,
  opts: { bindUnknown?: boolean } = {},
): Bindings {
  base ??= baseSampleBindings();
  const b = cloneJson(base) as Json;
  if (connectionBlock) b.connection = sampleConnection(connectionBlock);
  for (const t of templates) {
    if (!t.includes('${')) continue;
    for (const [root, ...segs] of referencedPaths(t)) {
      if (!ROOTS_TO_EXTEND.has(root)) continue;
      setPath(b, [root, ...segs]);
    }
  }
  if (opts.bindUnknown === false) return b;
  for (const t of templates) {
    if (!t.includes('${')) continue;
    for (const u of unboundNames(t, b)) b[u.name] = `sample-${u.name}`;
  }
  return b;
}
