import { describe, expect, it } from 'vitest';
import { attributeFromFileSuffix, attributeOfPackageFile, canonicalAttributeName } from './attribute-name.ts';

describe('attribute names from file names', () => {
  it('folder packages use exactly <AttributeName>.json, any case', () => {
    expect(attributeOfPackageFile('CreateAccountJSON.json')).toBe('CreateAccountJSON');
    expect(attributeOfPackageFile('createaccountjson.JSON')).toBe('CreateAccountJSON');
    expect(attributeOfPackageFile('aa360-CreateAccountJSON.json')).toBeUndefined();
    expect(attributeOfPackageFile('README.md')).toBeUndefined();
  });

  it('single files are recognised by suffix after a separator, preferring the longest name', () => {
    expect(attributeFromFileSuffix('aa360-AddAccessJSON.json')).toBe('AddAccessJSON');
    expect(attributeFromFileSuffix('forgerock-ciam-RemoveAccessJSON.json')).toBe('RemoveAccessJSON');
    expect(attributeFromFileSuffix('x-AddFFIDAccessJSON.json')).toBe('AddFFIDAccessJSON');
    expect(attributeFromFileSuffix('myAddAccessJSON.json')).toBeUndefined();
    expect(attributeFromFileSuffix('Connection_2023.json')).toBeUndefined();
  });

  it('canonicalises case', () => {
    expect(canonicalAttributeName('importaccountentjson')).toBe('ImportAccountEntJSON');
    expect(canonicalAttributeName('Nope')).toBeUndefined();
  });
});
