/**
 * The `explain` step on the corrected LeanIX package: its AddAccessJSON and CreateAccountJSON bodies are the expected
 * values; the fake LeanIX must not see a request (the dry run answers from a stub).
 */
import { describe, expect, it } from 'vitest';
import { CORRECTED_EIC, failures, runScenarioText } from './testing.ts';

describe('explain step', () => {
  it('asserts the rendered requests of a task without calling LeanIX, with what EIC knows of the entitlement', async () => {
    const [r] = await runScenarioText(`name: explain
given:
  leanix: { tenant: demo }
${CORRECTED_EIC}    accounts: [{ name: jane.new@example.com, accountID: 00000000-0000-4000-8000-000000000009, status: "1" }]
    entitlements: [{ type: Permission, entitlementID: ADMIN, customproperty5: "{{workspaceId}}" }]
steps:
  - name: explain add access
    explain: { task: ADDACCESS, account: jane.new@example.com, entitlement: { type: Permission, id: ADMIN } }
    expect:
      journal: { count: 0 }
      diagnostics: []
      exchanges:
        count: 1
        requests:
          - method: POST
            url: https://demo.leanix.net/services/mtm/v1/permissions
            request: { body: { role: ADMIN, user: { id: 00000000-0000-4000-8000-000000000009 }, workspace: { id: "{{workspaceId}}" } } }
  - name: an entitlement EIC does not know renders the workspace as "null" (a warning)
    explain: { task: ADDACCESS, account: jane.new@example.com, entitlement: { type: Permission, id: MEMBER } }
    expect:
      diagnostics: [{ code: explain.null-string, severity: warning, message: { $regex: 'workspace.id is the string "null"' } }]
  - name: unless the step gives its attributes
    explain:
      task: ADDACCESS
      account: jane.new@example.com
      entitlement: { type: Permission, id: MEMBER, attributes: { customproperty5: "{{workspaceId}}" } }
    expect:
      diagnostics: []
      exchanges: { requests: [{ request: { body: { role: MEMBER, workspace: { id: "{{workspaceId}}" } } } }] }
      eic: { entitlements: [{ type: Permission, entitlementID: MEMBER, $absent: true }] }
`);
    expect(failures(r)).toEqual([]);
    expect(r.steps[0].report?.kind).toBe('explain');
    expect(r.steps[0].report?.text).toContain(
      '1. Permission: POST https://demo.leanix.net/services/mtm/v1/permissions',
    );
  });

  it('fails the step on a body that is not valid JSON, with the position', async () => {
    const [r] = await runScenarioText(`name: explain quote
given:
  leanix: { tenant: demo }
${CORRECTED_EIC}steps:
  - name: Jane's first name gets a quote
    identity: { username: jnew, firstname: 'Jane "JJ"', email: jane.new@example.com }
  - name: explain the create
    explain: { task: NEWACCOUNT, identity: jnew, account: jane.new@example.com }
`);
    expect(r.status).toBe('failed');
    expect(r.steps[1].error).toMatchObject({
      code: 'explain.body-invalid',
      location: { attribute: 'CreateAccountJSON', path: ['call', 0, 'httpParams'] },
    });
    expect(r.steps[1].failure).toMatch(
      /unexpected error: error \[explain\.body-invalid\].*column \d+ of the rendered body/,
    );
  });
});
