/**
 * Checks one URL (rendered with sample bindings, or a literal URL inside a Groovy expression): blank host, empty or
 * blanked path segment, whitespace, unfilled placeholders, hosts a SaaS EIC cannot reach, unparsable.
 */
import { redactSnippet } from '../package/snippet.ts';
import { unreachableHost } from './hosts.ts';
import { findUnfilled, placeholderHint } from './unfilled.ts';

/** One URL problem; `index` is a position in the source template (see UrlCheckOptions.position). */
export interface UrlProblem {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint: string;
  index?: number;
}

/** How a URL is checked and shown. */
export interface UrlCheckOptions {
  /** The text quoted in messages: the source template, not its sample rendering. Default: the URL itself. */
  display?: string;
  /** Maps a position in the checked URL to the source template (undefined: inside a rendered value). */
  position?: (i: number) => number | undefined;
  /** A literal URL inside an expression (`'https://h/x?page='+n`): only the parts written out are checked. */
  fragment?: boolean;
  /** The package blanks tenant values elsewhere: a path ending in "/" is then a blanked last segment. */
  exportBlanks?: boolean;
}

/** The URL as shown in a message: quoted, secrets redacted. */
function shown(url: string): string {
  return JSON.stringify(redactSnippet(url.length > 160 ? `${url.slice(0, 157)}...` : url));
}

const PATCH_HINT = 'Exports blank tenant values: fill them with a patch file (`--patch`), see the README.';

/** Problems of a URL (an empty list when it is well-formed). */
export function urlProblems(url: string, opts: UrlCheckOptions = {}): UrlProblem[] {
  const at = (i: number) => (opts.position ? opts.position(i) : i);
  const show = shown(opts.display ?? url);
  const out: UrlProblem[] = [];
  if (url.trim() === '') {
    if (opts.fragment) return [];
    return [{ code: 'url.empty', severity: 'error', message: 'The URL is empty', hint: 'Set the endpoint URL.' }];
  }
  const ws = /\s/.exec(url);
  if (ws) {
    const edge = !opts.fragment && (ws.index === 0 || ws.index >= url.trimEnd().length);
    const pos = at(ws.index);
    const where = !edge ? 'inner' : ws.index === 0 ? 'leading' : 'trailing';
    out.push({
      code: 'url.whitespace',
      // Whether EIC trims the URL is not documented (reference, fidelity addendum: 9 public calls have such spaces);
      // java.net.URL trims, java.net.URI (Apache HttpClient) refuses. Inner whitespace fails either way. The emulator
      // trims by default (harness/http/url.ts, option urlWhitespace).
      severity: edge ? 'warning' : 'error',
      message: edge
        ? `The URL has ${where} whitespace (${show}): EIC may send it as is and fail (java.net.URI refuses it) or trim it (java.net.URL does); the emulator trims it (option urlWhitespace: reject refuses it)`
        : `The URL contains whitespace${pos !== undefined ? ` at position ${pos}` : ''} (${show}); EIC sends it as is and the request fails`,
      hint: 'Remove the whitespace (or encode it as %20 if it is meant to be there).',
      index: pos,
    });
  }
  const placeholder = findUnfilled(url)[0];
  if (placeholder) {
    out.push({
      code: 'url.placeholder',
      severity: 'error',
      message: `The URL still holds the placeholder ${placeholder.text} (${show})`,
      hint: placeholderHint(placeholder.text),
      index: at(placeholder.index),
    });
    return out;
  }
  const scheme = /^\s*([a-z][a-z0-9+.-]*):\/\/\s*/i.exec(url);
  if (!scheme) {
    if (opts.fragment) return out;
    out.push({
      code: 'url.invalid',
      severity: 'error',
      message: `The URL is not absolute: it does not start with http:// or https:// (${show})`,
      hint: url.startsWith('/')
        ? `EIC needs the full URL; the host was probably removed when the package was exported. ${PATCH_HINT}`
        : 'Write an absolute URL.',
      index: at(0),
    });
    return out;
  }
  const afterScheme = scheme[0].length;
  const authorityEnd = url.slice(afterScheme).search(/[/?#]/);
  const authority = authorityEnd < 0 ? url.slice(afterScheme) : url.slice(afterScheme, afterScheme + authorityEnd);
  const host = authority.replace(/^.*@/, '').replace(/:\d*$/, '').trim();
  if (host === '' || host.startsWith('.') || host.includes('..') || host.endsWith('.')) {
    if (!(opts.fragment && authorityEnd < 0)) {
      out.push({
        code: 'url.blank-host',
        severity: 'error',
        message: `The URL host "${host}" is blank or has an empty label (${show})`,
        hint: PATCH_HINT,
        index: at(afterScheme),
      });
    }
  } else if (!(opts.fragment && authorityEnd < 0)) {
    const why = unreachableHost(host);
    if (why) {
      out.push({
        code: 'url.unreachable-host',
        severity: 'warning',
        message: `EIC cannot reach the host "${host}" (${show}): ${why}, and EIC runs in Saviynt's cloud`,
        hint: 'Use the public host name of the target; keep this only for an on-premises EIC or a connector agent in that network.',
        index: at(afterScheme),
      });
    }
  }
  const pathStart = authorityEnd < 0 ? url.length : afterScheme + authorityEnd;
  const rest = url.slice(pathStart);
  const pathOnly = rest.replace(/[?#].*$/s, '');
  const empty = pathOnly.indexOf('//');
  if (empty >= 0) {
    const pos = at(pathStart + empty);
    out.push({
      code: 'url.empty-segment',
      severity: 'error',
      message: `The URL path has an empty segment "//"${pos !== undefined ? ` at position ${pos}` : ''} (${show}): a value such as a workspace id is blank`,
      hint: PATCH_HINT,
      index: pos,
    });
  } else if (opts.exportBlanks && !opts.fragment && pathOnly.length > 1 && pathOnly === rest && url.endsWith('/')) {
    out.push({
      code: 'url.blank-segment',
      severity: 'warning',
      message: `The URL path ends with "/" (${show}) in a package whose other URLs have blanked values: the last segment (an id) was probably removed on export`,
      hint: `If the API really wants the trailing slash, ignore this; else fill the value. ${PATCH_HINT}`,
      index: at(url.length - 1),
    });
  }
  if (!opts.fragment && out.every((p) => p.code !== 'url.whitespace' && p.code !== 'url.blank-host')) {
    try {
      new URL(url);
    } catch {
      out.push({
        code: 'url.invalid',
        severity: 'error',
        message: `The URL cannot be parsed: ${show}`,
        hint: 'Write a well-formed absolute URL.',
        index: at(0),
      });
    }
  }
  return out;
}
