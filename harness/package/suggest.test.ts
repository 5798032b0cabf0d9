import { describe, expect, it } from 'vitest';
import { levenshtein, suggest } from './suggest.ts';

describe('suggest', () => {
  it('prefers a case-insensitive match (EIC keys are case-sensitive)', () => {
    expect(suggest('SuccessResponses', ['successResponses', 'unsuccessResponses'])).toBe('successResponses');
  });
  it('finds close spellings and refuses distant ones', () => {
    expect(suggest('httpHeader', ['httpHeaders', 'httpParams'])).toBe('httpHeaders');
    expect(suggest('zzz', ['httpHeaders'])).toBeUndefined();
  });
  it('computes edit distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'ab')).toBe(2);
  });
});
