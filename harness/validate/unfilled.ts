/**
 * Unfilled export placeholders: the markers connector packages ship instead of tenant values (`@HOST_URL@`,
 * `@@CLIENT_ID@@`, `<URL>`, `https://<...>`, a bare `@@/path`). Seen in the corpus (google-analytics `@URL@`, thales
 * `@HOSTURL@`, aa360 `<URL>`, blackline `@@HOST_URL@@`, cornerstone-hr `'@@/services/...'`) [SEEN S2].
 */
import { isTenantPlaceholder } from '../package/placeholders.ts';
import { placeholderSpans } from './placeholders.ts';

/** One unfilled placeholder: its text and where it starts in the string. */
export interface Unfilled {
  text: string;
  index: number;
  /** `@NAME@`, `@@NAME@@` and `@@/` are unambiguous; `<name>` could also be literal text (XML, a comparison). */
  distinctive: boolean;
}

/** `@@NAME@@`, `@NAME@` (upper case), and `@@` in front of a path (a blanked `@@HOST@@`). */
const AT_MARKERS = /@@[A-Za-z0-9_]*@@|@[A-Z][A-Z0-9_]*@|@@(?=\/)/g;
/** `<URL>`, `<host>`, `< ACC ID>`, `<base64(apitoken:API_TOKEN)>`: a short name in angle brackets, no quotes. */
const ANGLE = /<\s*[A-Za-z][A-Za-z0-9_.():, -]{0,40}>/g;

/**
 * Every unfilled placeholder of a string. `<name>` counts outside `${...}`, and inside it only as a path segment or
 * host (`'https://<URL>/x'`, `'/accounts/< ACC ID>/'`), so Groovy comparisons and `replace('<', '')` are not taken.
 */
export function findUnfilled(s: string): Unfilled[] {
  if (!s.includes('@') && !s.includes('<')) return [];
  const out: Unfilled[] = [];
  for (const m of s.matchAll(AT_MARKERS)) out.push({ text: m[0], index: m.index, distinctive: true });
  if (s.includes('<')) {
    const spans = s.includes('${') ? placeholderSpans(s) : [];
    for (const m of s.matchAll(ANGLE)) {
      const afterSlash = s[m.index - 1] === '/';
      const inSpan = spans.some((sp) => m.index >= sp.start && m.index < sp.end);
      if ((inSpan && !afterSlash) || /\s{2}|\s>$/.test(m[0])) continue;
      out.push({ text: m[0], index: m.index, distinctive: afterSlash });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * How to fill an unfilled placeholder without editing the package: the tenant placeholders of the harness's LeanIX
 * packages (`<host>`, `<workspaceId>`, `<accountId>`, `<apiTokenBasic>`) with the demo tenant's values
 * (`--fill-placeholders`, as a scenario's `fillPlaceholders: true`) or your own (`--patch`); any other with a patch file.
 */
export function placeholderHint(text: string): string {
  return isTenantPlaceholder(text)
    ? 'Fill it without editing the package: `--fill-placeholders` (the demo tenant\'s values, as `fillPlaceholders: true` in a scenario) or `--patch <file>` (your values; README "Patch files").'
    : 'Exports blank tenant values: fill them with a patch file (`--patch <file>`, README "Patch files") without editing the export.';
}
