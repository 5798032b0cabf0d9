/** Checks one rendered URL: blank host, empty path segment, whitespace, unfilled placeholders, unparsable. */
import { redactSnippet } from '../package/snippet.ts';

/** One URL problem; `index` is a position in the rendered URL. */
export interface UrlProblem {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint: string;
  index?: number;
}

/** The URL as shown in a message: quoted, secrets redacted. */
function shown(url: string): string {
  return JSON.stringify(redactSnippet(url));
}

const PATCH_HINT = 'Exports blank tenant values: fill them with a patch file (`--patch`), see the README.';

/** Problems of a URL after rendering (an empty list when it is well-formed). */
export function urlProblems(url: string): UrlProblem[] {
  const out: UrlProblem[] = [];
  if (url.trim() === '') {
    return [{ code: 'url.empty', severity: 'error', message: 'The URL is empty', hint: 'Set the endpoint URL.' }];
  }
  const ws = /\s/.exec(url);
  if (ws) {
    const where = ws.index === 0 ? 'leading' : ws.index >= url.trimEnd().length ? 'trailing' : 'inner';
    out.push({
      code: 'url.whitespace',
      severity: 'error',
      message:
        where === 'inner'
          ? `The URL contains inner whitespace at position ${ws.index} (${shown(url)}); the request fails`
          : `The URL contains ${where} whitespace at position ${ws.index} (${shown(url)}); the emulator trims it (option urlWhitespace; whether EIC does is not documented), other clients fail on it`,
      hint: 'Remove the whitespace (or encode it as %20 if it is meant to be there).',
      index: ws.index,
    });
  }
  const placeholder = /<[^<>\s]*>|@@[^@\s]*@@|@[A-Z][A-Z0-9_]*@/.exec(url);
  if (placeholder) {
    out.push({
      code: 'url.placeholder',
      severity: 'error',
      message: `The URL still holds the placeholder ${placeholder[0]} (${shown(url)})`,
      hint: PATCH_HINT,
      index: placeholder.index,
    });
    return out;
  }
  const scheme = /^\s*([a-z][a-z0-9+.-]*):\/\/\s*/i.exec(url);
  if (!scheme) {
    out.push({
      code: 'url.invalid',
      severity: 'error',
      message: `The URL is not absolute: it does not start with http:// or https:// (${shown(url.slice(0, 80))})`,
      hint: url.startsWith('/')
        ? 'EIC needs the full URL; the host was probably removed when the package was exported. ' + PATCH_HINT
        : 'Write an absolute URL.',
      index: 0,
    });
    return out;
  }
  const afterScheme = scheme[0].length;
  const authorityEnd = url.slice(afterScheme).search(/[/?#]/);
  const authority = authorityEnd < 0 ? url.slice(afterScheme) : url.slice(afterScheme, afterScheme + authorityEnd);
  const host = authority.replace(/^.*@/, '').replace(/:\d*$/, '').trim();
  if (host === '' || host.startsWith('.') || host.includes('..') || host.endsWith('.')) {
    out.push({
      code: 'url.blank-host',
      severity: 'error',
      message: `The URL host "${host}" is blank or has an empty label (${shown(url)})`,
      hint: PATCH_HINT,
      index: afterScheme,
    });
  }
  const pathStart = authorityEnd < 0 ? url.length : afterScheme + authorityEnd;
  const rest = url.slice(pathStart);
  const pathOnly = rest.replace(/[?#].*$/s, '');
  const empty = pathOnly.indexOf('//');
  if (empty >= 0) {
    out.push({
      code: 'url.empty-segment',
      severity: 'error',
      message: `The URL path has an empty segment "//" at position ${pathStart + empty} (${shown(url)}): a value such as a workspace id is blank`,
      hint: PATCH_HINT,
      index: pathStart + empty,
    });
  }
  if (out.every((p) => p.code !== 'url.whitespace' && p.code !== 'url.blank-host')) {
    try {
      new URL(url);
    } catch {
      out.push({
        code: 'url.invalid',
        severity: 'error',
        message: `The URL cannot be parsed: ${shown(url)}`,
        hint: 'Write a well-formed absolute URL.',
        index: 0,
      });
    }
  }
  return out;
}
