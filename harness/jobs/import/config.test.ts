import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../../../lib/diagnostic.ts';
import { hasReference, NO_REFERENCE, referencePath } from '../../../lib/reference.ts';
import { parseImportConfig } from './config.ts';

const call = (extra: Record<string, unknown> = {}) => ({
  http: { url: 'https://h/u', httpMethod: 'GET' },
  listField: 'data',
  colsToPropsMap: { accountID: 'id~#~char' },
  ...extra,
});

function errorOf(json: unknown) {
  try {
    parseImportConfig(json);
  } catch (e) {
    if (isHarnessError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('ImportAccountEntJSON config', () => {
  it('sorts calls by callOrder, inherits the connection and reads dependent calls', () => {
    const cfg = parseImportConfig({
      accountParams: {
        connection: 'acctAuth',
        call: {
          call2: call({ callOrder: 1, inputParams: { dependentCall: true }, nextApiKeyField: 'accountID' }),
          call1: call({ callOrder: 0 }),
        },
      },
    });
    expect(cfg.accounts?.calls.map((c) => [c.name, c.connection, c.dependent])).toEqual([
      ['call1', 'acctAuth', false],
      ['call2', 'acctAuth', true],
    ]);
    expect(cfg.accounts?.calls[1].nextApiKeyField).toBe('accountID');
  });

  it('accepts "active" and "status" as aliases of activeStatus, and orders entitlement types', () => {
    const cfg = parseImportConfig({
      accountParams: {
        connection: 'c',
        statusAndThresholdConfig: { statusColumn: 'cp3', active: ['1', 1] },
        call: { call1: call() },
      },
      entitlementParams: {
        connection: 'c',
        entTypes: { B: { entTypeOrder: 1, call: { call1: call() } }, A: { entTypeOrder: 0, call: { call1: call() } } },
      },
    });
    expect(cfg.accounts?.status).toMatchObject({
      statusColumn: 'cp3',
      activeStatus: ['1', '1'],
      inactivateAccountsNotInFile: false,
    });
    expect(cfg.entTypes.map((t) => t.name)).toEqual(['A', 'B']);
  });

  it('names the JSON path of what is wrong', () => {
    expect(errorOf({ accountParams: { call: { call1: call() } } }).location.path).toEqual([
      'accountParams',
      'call',
      'call1',
      'connection',
    ]);
    expect(
      errorOf({ accountParams: { connection: 'c', call: { call1: call({ colsToPropsMap: [] }) } } }).location.path,
    ).toEqual(['accountParams', 'call', 'call1', 'colsToPropsMap']);
    expect(
      errorOf({
        acctEntParams: {
          entTypes: { R: { call: { call1: { ...call(), connection: 'c', processingType: 'httpX' } } } },
        },
      }).location.path,
    ).toEqual(['acctEntParams', 'entTypes', 'R', 'call', 'call1', 'processingType']);
    expect(
      errorOf({
        acctEntParams: { entTypes: { R: { call: { call1: { ...call(), connection: 'c', processingType: 'http' } } } } },
      }).message,
    ).toMatch(/path of the account id/);
  });
});

describe.skipIf(!hasReference)('real ImportAccountEntJSON files', () => {
  it(hasReference ? 'every valid-JSON corpus file parses' : NO_REFERENCE, () => {
    const dir = referencePath('corpus');
    let parsed = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('ImportAccountEntJSON.json'))) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
      } catch {
        continue; // some corpus files are not valid JSON as stored; the loader reports those
      }
      // Host placeholders are blank in the corpus; what is checked is the structure.
      const cfg = parseImportConfig(json);
      // Two files are ImportUserJSON-shaped (no accountParams): nothing to import, and no error.
      expect(cfg.accounts !== undefined, f).toBe('accountParams' in (json as object));
      if (cfg.accounts) expect(cfg.accounts.calls.length, f).toBeGreaterThanOrEqual(1);
      parsed++;
    }
    expect(parsed).toBeGreaterThan(15);
  });
});
