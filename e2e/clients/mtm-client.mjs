#!/usr/bin/env node
// A LeanIX MTM client written the way LeanIX's own scripts are (cse-toolbox auth.ts, leanix-public/scripts getUsers.py):
// get an access token with Basic apitoken:<API token>, read the workspace from the JWT's principal.permission, page
// /workspaces/{id}/users with page/size until `total`, then list permissions. Only the instance URL is configurable:
//   LEANIX_INSTANCE=https://acme-eu.leanix.net LEANIX_API_TOKEN=... node mtm-client.mjs
// Prints a JSON summary on stdout; exits 1 on any HTTP error.

const instance = (process.env.LEANIX_INSTANCE ?? 'https://app.leanix.net').replace(/\/+$/, '');
const apiToken = process.env.LEANIX_API_TOKEN;
const mtm = `${instance}/services/mtm/v1`;

async function authenticate() {
  const res = await fetch(`${mtm}/oauth2/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`apitoken:${apiToken}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status === 401) throw new Error('InvalidLeanIXApiTokenError');
  if (!res.ok) throw new Error(`token request failed: ${res.status}`);
  const body = await res.json();
  if (body.token_type !== 'bearer') throw new Error(`unexpected token_type ${body.token_type}`);
  const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString('utf8'));
  return { accessToken: body.access_token, claims, expiresIn: body.expires_in };
}

async function getAll(path, accessToken, size = 100) {
  const items = [];
  let page = 1;
  let total = Number.POSITIVE_INFINITY;
  while (items.length < total) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await fetch(`${mtm}${path}${sep}page=${page}&size=${size}`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`GET ${path} page ${page}: ${res.status}`);
    const body = await res.json();
    if (body.status !== 'OK') throw new Error(`GET ${path}: status ${body.status}`);
    total = body.total;
    if (body.data.length === 0) break;
    items.push(...body.data);
    page += 1;
  }
  return { items, total, pages: page - 1 };
}

function countBy(items, key) {
  const out = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

async function main() {
  if (!apiToken) throw new Error('set LEANIX_API_TOKEN');
  const { accessToken, claims, expiresIn } = await authenticate();
  const workspaceId = claims.principal.permission.workspaceId;
  const users = await getAll(`/workspaces/${workspaceId}/users`, accessToken);
  const permissions = await getAll(`/workspaces/${workspaceId}/permissions`, accessToken);
  const summary = {
    instanceUrl: claims.instanceUrl,
    workspaceId,
    workspaceName: claims.principal.permission.workspaceName,
    expiresIn,
    users: {
      total: users.total,
      fetched: users.items.length,
      pages: users.pages,
      emails: users.items.map((u) => u.email),
    },
    permissions: {
      total: permissions.total,
      fetched: permissions.items.length,
      byStatus: countBy(permissions.items, (p) => p.status),
      roles: [...new Set(permissions.items.map((p) => p.role))].sort(),
    },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
