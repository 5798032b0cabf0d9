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

  it('orders calls by stageNumber then callOrder (DOC S4), or by callOrder only with callOrdering "order"', () => {
    const json = {
      accountParams: {
        connection: 'c',
        call: {
          late: call({ callOrder: 0, stageNumber: 3 }),
          first: call({ callOrder: 1, stageNumber: 0 }),
          second: call({ callOrder: 2, stageNumber: 0 }),
        },
      },
    };
    expect(parseImportConfig(json).accounts?.calls.map((c) => c.name)).toEqual(['first', 'second', 'late']);
    expect(parseImportConfig(json, undefined, { callOrdering: 'order' }).accounts?.calls.map((c) => c.name)).toEqual([
      'late',
      'first',
      'second',
    ]);
  });

  it('hands params-level successResponses/unsuccessResponses (also the array form) to calls that give none', () => {
    const cfg = parseImportConfig({
      accountParams: {
        connection: 'c',
        successResponses: [{ status: 'OK' }],
        unsuccessResponses: { statusCode: [403] },
        call: { call1: call(), call2: call({ callOrder: 1, successResponses: { statusCode: [200] } }) },
      },
      entitlementParams: {
        connection: 'c',
        successResponses: { statusCode: [200, 206] },
        entTypes: { R: { call: { call1: call() } } },
      },
    });
    expect(cfg.accounts?.calls.map((c) => [c.successResponses, c.unsuccessResponses])).toEqual([
      [[{ status: 'OK' }], { statusCode: [403] }],
      [{ statusCode: [200] }, { statusCode: [403] }],
    ]);
    expect(cfg.entTypes[0].calls[0].successResponses).toEqual({ statusCode: [200, 206] });
  });

  it('reads the threshold and flag keys real packages use', () => {
    const cfg = parseImportConfig(
      {
        accountParams: { connection: 'c', includeExistingInActiveAccounts: false, call: { call1: call() } },
        entitlementParams: {
          connection: 'c',
          doNotChangeIfFailed: true,
          entTypes: {
            G: {
              call: { call1: call({ disableDeletedEntitlements: false }) },
              acctEntMappings: { listField: 'm', idPath: 'id', keyField: 'accountID', importAsAccount: true },
            },
          },
        },
      },
      {
        statusAndThresholdConfig: {
          accountsNotInImportAction: 'Inactivate',
          inactivateEntsNotInFeed: false,
          entThresholdValue: { entType: { G: { ent: 100 } } },
        },
      },
    );
    expect(cfg.accounts?.includeExistingInActiveAccounts).toBe(false);
    expect(cfg.status).toMatchObject({
      accountsNotInImportAction: 'inactivate',
      inactivateEntsNotInFeed: false,
      entThresholdValue: { G: 100 },
    });
    expect(cfg.entDoNotChangeIfFailed).toBe(true);
    expect(cfg.entTypes[0].calls[0].disableDeletedEntitlements).toBe(false);
    expect(cfg.entTypes[0].entToAcct?.importAsAccount).toBe(true);
    expect(
      errorOf({
        accountParams: { connection: 'c', statusAndThresholdConfig: { accountsNotInImportAction: 'Delete' }, call: {} },
      }).location.path,
    ).toEqual(['accountParams', 'statusAndThresholdConfig', 'accountsNotInImportAction']);
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
