/**
 * The `use` step against the demo tenant and the corrected package. Expected values: the fake's quirks (linkHeaders
 * sends RFC 8288 Link headers on paged lists, mocks/leanix/README.md), the emulator's options (onTriesExhausted) and
 * security system settings (provisioningTries), as documented in the README.
 */
import { describe, expect, it } from 'vitest';
import { CORRECTED_EIC, failures, runScenarioText } from './testing.ts';

describe('use step', () => {
  it('changes quirks, options and settings from that step on, keeping EIC state', async () => {
    const [r] = await runScenarioText(`name: use
given:
  leanix: { tenant: demo }
${CORRECTED_EIC}    accounts: [{ name: jane.new@example.com, accountID: 00000000-0000-4000-8000-000000000009, status: "1" }]
steps:
  - name: no Link header by default
    http: { path: "/workspaces/{{workspaceId}}/users?size=5" }
    expect: { journal: { requests: [{ responseHeaders: { link: { $absent: true } } }] } }
  - name: LeanIX starts sending Link headers
    use: { quirks: { linkHeaders: true } }
  - name: now a Link header
    http: { path: "/workspaces/{{workspaceId}}/users?size=5" }
    expect: { journal: { requests: [{ status: 200, responseHeaders: { link: { $regex: 'rel="next"' } } }] } }
  - name: one try, and a failed task is PROVFAILED
    use: { securitySystem: { provisioningTries: 1 }, options: { onTriesExhausted: PROVFAILED } }
    expect: { report: { changed: [options, securitySystem] } }
  - name: LeanIX fails updates
    faults: { add: [{ method: PUT, path: "/users/:id", status: 500, times: always }] }
  - name: remove the account
    provision: { task: REMOVEACCOUNT, account: jane.new@example.com }
    expect:
      error: { code: call.unsuccessful }
      eic:
        accounts: [{ name: jane.new@example.com, status: "1" }]
        tasks: [{ step: remove the account, status: PROVFAILED, tries: 1 }]
`);
    expect(failures(r)).toEqual([]);
    expect(r.status).toBe('passed');
  });

  it('switches the rate limit on between steps', async () => {
    const [r] = await runScenarioText(`name: use rate limit
given:
  leanix: { tenant: demo }
${CORRECTED_EIC}steps:
  - name: no limit yet
    http: { path: "/workspaces/{{workspaceId}}/users?size=1" }
    expect: { response: { status: 200 } }
  - name: LeanIX starts limiting
    use: { rateLimit: { enabled: true, requestsPerMinute: 2 } }
    expect: { report: { changed: [rateLimit] } }
  - name: one
    http: { path: "/workspaces/{{workspaceId}}/users?size=1" }
  - name: two
    http: { path: "/workspaces/{{workspaceId}}/users?size=1" }
  - name: three is one too many
    http: { path: "/workspaces/{{workspaceId}}/users?size=1" }
    expect:
      response: { status: 429 }
      journal: { requests: [{ status: 429, responseHeaders: { retry-after: "{{any}}" } }] }
`);
    expect(failures(r)).toEqual([]);
  });

  it('fails on a patch that matches nothing, saying where patches look', async () => {
    const [r] = await runScenarioText(`name: use patch
given:
  leanix: { tenant: demo }
${CORRECTED_EIC}steps:
  - name: a fix that is not there
    use: { patches: [{ find: "no such text", with: "x" }] }
`);
    expect(r.status).toBe('failed');
    expect(r.steps[0].error).toMatchObject({ code: 'patch.unmatched', severity: 'error' });
    expect(r.steps[0].failure).toContain('JSON string values');
  });
});
