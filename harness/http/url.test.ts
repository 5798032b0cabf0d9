import { describe, expect, it } from 'vitest';
import { applyUrlWhitespace, urlProblem } from './url.ts';

describe('URL whitespace', () => {
  it('trims leading and trailing whitespace by default and keeps it with reject', () => {
    expect(applyUrlWhitespace(' https://h/x ')).toBe('https://h/x');
    expect(applyUrlWhitespace(' https://h/x ', 'reject')).toBe(' https://h/x ');
  });

  it('never repairs inner whitespace, and says where whitespace is', () => {
    expect(urlProblem(applyUrlWhitespace('https:// h.leanix.net/x'))).toBe('contains inner whitespace at position 8');
    expect(urlProblem('https://h/x ')).toBe('contains trailing whitespace at position 11');
    expect(urlProblem(' https://h/x')).toBe('contains leading whitespace at position 0');
    expect(urlProblem('https://h/x')).toBeUndefined();
  });
});
