import { describe, expect, it } from 'vitest';
import { redactSnippet } from './snippet.ts';

describe('redactSnippet', () => {
  it('hides secret-named JSON values, even in an excerpt cut mid-value', () => {
    expect(redactSnippet('{"client_secret": "s3cr3t-value", "scope": "x"}')).toBe(
      '{"client_secret": "[REDACTED]", "scope": "x"}',
    );
    expect(redactSnippet('"password": "hunter2')).toBe('"password": "[REDACTED]');
  });
  it('hides credential headers, query secrets and bearer/basic credentials', () => {
    expect(redactSnippet('"Authorization": "Basic YXBpdG9rZW46eHl6"')).not.toContain('YXBpdG9rZW46eHl6');
    expect(redactSnippet('https://h/x?apikey=abc123&page=2')).toBe('https://h/x?apikey=[REDACTED]&page=2');
    expect(redactSnippet('token: Bearer abcdef.ghij')).toBe('token: Bearer [REDACTED]');
  });
  it('leaves ordinary text alone', () => {
    const t = '{"role": "VIEWER" }","user": {"id": "abc"}';
    expect(redactSnippet(t)).toBe(t);
  });
});
