// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
/**
 * Groovy that parses but does not mean what it says. `headers?.X-Current-Page` is `headers?.X - Current - Page`, a
 * subtraction of two unknown variables (Adobe Creative Cloud's nextUrlPath; reference §5 lists it): Groovy reads a
 * hyphenated name after `.` as a minus. The name must be quoted: `headers?.'X-Current-Page'`.
 */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { type AttrContext, finding, walkStrings } from './context.ts';
import { placeholderSpans } from './placeholders.ts';

/** One `a.b-c` found in a template, with the receiver's root variable. */
export interface HyphenatedName {
  /** Offset of the name (after the dot) in the template. */
  offset: number;
  name: string;
  root: string;
  /** The receiver and dot as written, e.g. `headers?.`. */
  receiver: string;
}

/** The placeholder's code with the contents of its string literals blanked (same length), so names in them vanish. */
function codeOnly(src: string): string {
  return src.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, (m) => m[0] + ' '.repeat(m.length - 2) + m[m.length - 1]);
}

const HYPHENATED = /(?<![\w.$])([A-Za-z_]\w*)((?:\s*\??\.\s*[A-Za-z_]\w*)*\s*\??\.)([A-Za-z_]\w*(?:-[A-Za-z_]\w*)+)/g;

/** Every hyphenated property name written after a dot (no spaces around the minus) in the template's placeholders. */
export function hyphenatedNames(template: string): HyphenatedName[] {
  const out: HyphenatedName[] = [];
  for (const span of placeholderSpans(template)) {
    const code = codeOnly(template.slice(span.start, span.end));
    for (const m of code.matchAll(HYPHENATED)) {
      const offset = span.start + m.index + m[1].length + m[2].length;
      out.push({ offset, name: m[3], root: m[1], receiver: `${m[1]}${m[2]}`.replace(/\s+/g, '') });
    }
  }
  return out;
}

/** Reports hyphenated names; on `headers` (HTTP header names) an error, elsewhere a warning (it may be meant). */
export function checkTemplateLint(ctx: AttrContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkStrings(ctx.json, (path, s) => {
    if (!s.includes('${') || !s.includes('-')) return;
    for (const h of hyphenatedNames(s)) {
      const [first, ...rest] = h.name.split('-');
      const header = h.root === 'headers';
      out.push(
        finding(
          ctx,
          'template.hyphenated-name',
          header ? 'error' : 'warning',
          path,
          `${h.receiver}${h.name} is a subtraction in Groovy: ${h.receiver}${first} - ${rest.join(' - ')}, not the ${header ? 'header' : 'property'} "${h.name}"; ${header ? `it fails with MissingPropertyException for "${rest[0]}"` : `unless "${rest[0]}" is a variable, it fails with MissingPropertyException`}`,
          `Quote the name: ${h.receiver}'${h.name}'.`,
          { inner: h.offset },
        ),
      );
    }
  });
  return out;
}
