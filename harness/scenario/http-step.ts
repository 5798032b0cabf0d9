/**
 * The raw `http` step: one request to the fake LeanIX, answered as the step's `response`. Unless `auth: false` or the
 * step writes its own Authorization header, it first fetches an access token for the scenario's API token from the
 * fake's token endpoint (once per run; the request is not journaled, as before). When that token request is refused
 * (a 429 of the rate limit, a revoked or expired API token) the step does not fail: its response is the token
 * endpoint's answer, marked `tokenRequest: true`, so a scenario can expect the 429 it shows.
 */
import { isSecretHeader, secretValuesIn } from '../../lib/redact.ts';
import type { Outcome, RunCtx } from './context.ts';
import type { ScenarioStep } from './schema.ts';
import { interpolate } from './world.ts';

type HttpStep = NonNullable<ScenarioStep['http']>;

/** Parses a response body: JSON when it is, else the text; an empty body is undefined. */
async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text; // not JSON: keep the text
  }
}

/** The response of a request as a step outcome. */
async function outcomeOf(res: Response, extra: { tokenRequest?: true } = {}): Promise<Outcome> {
  return {
    response: { status: res.status, headers: Object.fromEntries(res.headers), body: await bodyOf(res), ...extra },
  };
}

/** An access token for the scenario's API token, or the token endpoint's refusal. */
async function accessToken(ctx: RunCtx, origin: string): Promise<string | Response> {
  if (ctx.accessToken) return ctx.accessToken;
  const { fake, vars } = ctx.world;
  const res = await fake.core.handle(
    new Request(`${origin}/services/mtm/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${vars.apiTokenBasic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    }),
  );
  if (res.status !== 200) return res;
  const token = ((await res.json()) as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') return res;
  ctx.world.secrets.addAll([token]);
  ctx.accessToken = token;
  return token;
}

/** Runs an `http` step. */
export async function runHttpStep(step: HttpStep, ctx: RunCtx): Promise<Outcome> {
  const { fake, vars } = ctx.world;
  const h = interpolate(step, vars);
  ctx.world.secrets.addAll([
    ...Object.entries(h.headers ?? {})
      .filter(([k]) => isSecretHeader(k))
      .map(([, v]) => v),
    ...secretValuesIn(h.body),
  ]);
  const url = /^https?:/.test(h.path)
    ? h.path
    : `https://${vars.host}.leanix.net${h.path.startsWith('/services/') ? '' : '/services/mtm/v1'}${h.path}`;
  const headers: Record<string, string> = { ...(h.headers ?? {}) };
  const hasAuth = Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');
  if (h.auth && !hasAuth) {
    const token = await accessToken(ctx, new URL(url).origin);
    if (typeof token !== 'string') return outcomeOf(token, { tokenRequest: true });
    headers.Authorization = `Bearer ${token}`;
  }
  let body: string | undefined;
  if (h.body !== undefined) {
    body = typeof h.body === 'string' ? h.body : JSON.stringify(h.body);
    if (typeof h.body !== 'string' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
  }
  return outcomeOf(await fake.fetch(url, { method: h.method.toUpperCase(), headers, body }));
}
