import { describe, expect, it } from 'vitest';
import { classifyResponse } from './success.ts';

describe('classifyResponse', () => {
  it('defaults to 2xx when no successResponses are given', () => {
    expect(classifyResponse(204, null, undefined).ok).toBe(true);
    expect(classifyResponse(302, null, undefined).ok).toBe(false);
    expect(classifyResponse(500, null, {}).reason).toContain('not 2xx');
  });

  it('accepts only listed status codes', () => {
    expect(classifyResponse(201, null, { statusCode: [200, 201] }).ok).toBe(true);
    const v = classifyResponse(204, null, { statusCode: [200, 201] });
    expect(v.ok).toBe(false);
    expect(v.reason).toContain('204');
  });

  it('matches body paths against one value or a list', () => {
    expect(classifyResponse(200, { result: 'success' }, { result: 'success' }).ok).toBe(true);
    expect(classifyResponse(200, { result: 'error' }, { result: 'success' }).ok).toBe(false);
    const list = { ProcessExecuteStatusCode: ['CompletedSuccessfully', 'Queued'] };
    expect(classifyResponse(200, { ProcessExecuteStatusCode: 'Queued' }, list).ok).toBe(true);
    expect(classifyResponse(200, {}, list).reason).toContain('absent');
  });

  it('lets unsuccessResponses force a failure', () => {
    expect(classifyResponse(409, null, { statusCode: [200, 409] }, { statusCode: [409] }).ok).toBe(false);
    expect(classifyResponse(200, { status: 'NOK' }, undefined, { status: 'NOK' }).ok).toBe(false);
    expect(classifyResponse(200, { status: 'OK' }, undefined, { status: 'NOK' }).ok).toBe(true);
  });

  it('ignores the miscapitalised SuccessResponses key (callers pass successResponses only)', () => {
    const json = { SuccessResponses: { statusCode: [200] } } as Record<string, unknown>;
    expect(classifyResponse(201, null, json.successResponses).ok).toBe(true);
  });
});

describe('classifyResponse, array form', () => {
  it('succeeds when any element holds (OR), every rule of one element must hold (AND)', () => {
    const rules = [{ status: 'OK' }, { statusCode: [202], result: 'queued' }];
    expect(classifyResponse(200, { status: 'OK' }, rules).ok).toBe(true);
    expect(classifyResponse(202, { result: 'queued' }, rules).ok).toBe(true);
    const v = classifyResponse(200, { result: 'queued' }, rules);
    expect(v).toMatchObject({ ok: false, rule: 'successResponses' });
    expect(v.reason).toMatch(
      /no successResponses alternative holds: response body status is absent.*HTTP 200 is not in/,
    );
  });

  it('reads [{}] and [] as no rule (2xx) and a bare list of numbers as a statusCode list', () => {
    expect(classifyResponse(204, null, [{}]).ok).toBe(true);
    expect(classifyResponse(500, null, []).rule).toBe('default');
    expect(classifyResponse(201, null, [200, 201]).ok).toBe(true);
    expect(classifyResponse(204, null, [200, 201]).ok).toBe(false);
  });

  it('applies the array form to unsuccessResponses too', () => {
    const v = classifyResponse(200, { code: 'E42' }, undefined, [{ code: 'E41' }, { code: 'E42' }]);
    expect(v).toMatchObject({ ok: false, rule: 'unsuccessResponses' });
    expect(classifyResponse(200, { code: 'E40' }, undefined, [{ code: 'E41' }]).ok).toBe(true);
  });
});
