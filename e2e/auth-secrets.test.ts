/**
 * No secret of any auth flow leaves the emulator: for every bundled ConnectionJSON of the token server (and the
 * LeanIX test-connection scenarios), every output a user sees (scenario results with their failure texts and
 * exchanges, the emulator's journal, Test Connection's text, `harness explain`) is scanned for every secret: the
 * configured passwords, client secrets, refresh tokens, static keys, JWT and HMAC keys, the private key file, and
 * everything the token server handed out (access and refresh tokens, session cookies, assertions).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEANIX_PACKAGE_DIR } from '../fixtures/packages/leanix/index.ts';
import { TOKEN_SERVER_DEFAULTS, TOKEN_SERVER_DIR, TOKEN_SERVER_KEYS_DIR } from '../fixtures/token-server/index.ts';
import { formatTestConnection } from '../harness/cli/commands/test-connection.ts';
import { runCaptured as cli } from '../harness/cli/testing.ts';
import { defineScenario } from '../harness/scenario/define.ts';
import { loadScenario } from '../harness/scenario/load.ts';
import { runLoadedScenario } from '../harness/scenario/run.ts';
import type { World } from '../harness/scenario/world.ts';

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');
const CONNECTIONS = join(TOKEN_SERVER_DIR, 'connections');
const connectionFiles = readdirSync(CONNECTIONS).filter((f) => f.endsWith('.json'));

/** Every configured secret of the token server's default accounts (and the stale assertion of one connection). */
function configuredSecrets(): string[] {
  const d = TOKEN_SERVER_DEFAULTS;
  return [
    ...d.clients.map((c) => c.secret),
    ...d.users.map((u) => u.password),
    ...d.basic.map((b) => b.password),
    ...d.refreshTokens,
    ...d.staticKeys,
    d.jwt.secret,
    d.hmac.skey,
    d.idp.privateKey,
    'stale-assertion-0001-do-not-log',
  ];
}

async function privateKeyLines(): Promise<string[]> {
  const { TEST_PRIVATE_KEY_PEM } = await import('../fixtures/token-server/defaults.ts');
  return TEST_PRIVATE_KEY_PEM.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
}

function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length >= 6 && text.includes(s));
}

describe('auth secrets never appear in outputs', () => {
  it('knows the secrets it scans for (the scan can fail)', () => {
    const secrets = configuredSecrets();
    expect(secrets).toHaveLength(9);
    expect(leaks(`body: client_secret=${secrets[0]}`, secrets)).toEqual([secrets[0]]);
  });

  for (const file of readdirSync(SCENARIOS).filter((f) => /^(auth-|test-connection-)/.test(f))) {
    it(`scenario ${file}: results, failure texts and exchanges`, async () => {
      const loaded = await loadScenario(join(SCENARIOS, file));
      let world: World | undefined;
      const result = await runLoadedScenario(loaded, { onWorld: (w) => (world = w) });
      expect(result.status).toBe('passed');
      if (!world) throw new Error('no world');
      const secrets = [
        ...configuredSecrets(),
        ...(await privateKeyLines()),
        ...(world.tokenServer?.issued ?? []),
        world.vars.apiToken,
        world.vars.apiTokenBasic,
      ];
      // Flows with a token request got something handed out, so the scan covers it.
      if (world.tokenServer?.log.some((e) => e.outcome === 'issued'))
        expect(world.tokenServer.issued.length).toBeGreaterThan(0);
      const text =
        JSON.stringify(result) + JSON.stringify(world.emu.exchanges()) + JSON.stringify(world.tokenServer?.log ?? []);
      expect(leaks(text, secrets)).toEqual([]);
    });
  }

  for (const conn of connectionFiles) {
    it(`${conn}: a failing step's text, Test Connection and explain`, async () => {
      let world: World | undefined;
      const loaded = defineScenario(
        {
          name: `secrets ${conn}`,
          given: {
            tokenServer: {},
            eic: {
              package: join(TOKEN_SERVER_DIR, 'package'),
              connectionJson: join(CONNECTIONS, conn),
              connectorFiles: TOKEN_SERVER_KEYS_DIR,
              identities: [{ username: 'ann', email: 'ann@example.com' }],
            },
          },
          steps: [
            { name: 'test connection', testConnection: null },
            // Fails on purpose, so the failure text with every exchange of the step is produced.
            {
              name: 'create',
              provision: { task: 'NEWACCOUNT', identity: 'ann' },
              expect: { tokenServer: { count: 99 } },
            },
          ],
        },
        { baseDir: SCENARIOS },
      );
      const result = await runLoadedScenario(loaded, { onWorld: (w) => (world = w) });
      expect(result.steps[1].status).toBe('failed');
      expect(result.steps[1].failure).toContain('HTTP exchanges of this step');
      if (!world) throw new Error('no world');
      const report = await world.emu.testConnection();
      const explain = await cli([
        'explain',
        join(TOKEN_SERVER_DIR, 'package'),
        'NEWACCOUNT',
        '-c',
        join(CONNECTIONS, conn),
        '--connector-files',
        TOKEN_SERVER_KEYS_DIR,
        '--json',
      ]);
      expect(explain.code).toBe(0);
      const explainText = await cli([
        'explain',
        join(TOKEN_SERVER_DIR, 'package'),
        'NEWACCOUNT',
        '-c',
        join(CONNECTIONS, conn),
        '--connector-files',
        TOKEN_SERVER_KEYS_DIR,
      ]);
      const secrets = [...configuredSecrets(), ...(await privateKeyLines()), ...(world.tokenServer?.issued ?? [])];
      const text = [
        JSON.stringify(result),
        JSON.stringify(world.emu.exchanges()),
        formatTestConnection(report),
        JSON.stringify(report),
        explain.out,
        explainText.out,
        explain.err,
      ].join('\n');
      expect(leaks(text, secrets)).toEqual([]);
    });
  }

  it('LeanIX: test-connection output holds neither the API token nor its Basic form', async () => {
    const r = await cli(['test-connection', LEANIX_PACKAGE_DIR, '--json']);
    expect(r.code).toBe(0);
    const { DEMO_API_TOKEN } = await import('../fixtures/tenant/generate.ts');
    const basic = Buffer.from(`apitoken:${DEMO_API_TOKEN}`).toString('base64');
    expect(leaks(r.out + r.err, [DEMO_API_TOKEN, basic])).toEqual([]);
    expect(r.out).toContain('Basic [REDACTED]');
  });
});
