// biome-ignore-all lint/suspicious/noTemplateCurlyInString: EIC templates `${...}` are plain strings here
/** Every `${...}` template of an attribute parsed by the binding engine; findings mapped to the JSON path and line. */
import type { Diagnostic } from '../../lib/diagnostic.ts';
import { checkTemplate, hasPlaceholders } from '../groovy/index.ts';
import { type AttrContext, finding, walkStrings } from './context.ts';

const ROOTS =
  'user|account|entitlementValue|response|requestAccessAttributes|reqAttrs|task|arsTasks|connection|userManager|managerAccount|userAccount|endpoints';
const MISSING_DOLLAR = new RegExp(`(?<!\\$)\\{\\s*((?:${ROOTS})(?:\\??\\.[A-Za-z_]\\w*)+)\\s*\\}`, 'g');

function templateCode(code: string, severity: Diagnostic['severity']): string {
  if (code.startsWith('template.')) return code;
  if (severity === 'error') return 'template.syntax';
  return `template.${code.split('.').pop() || 'unsupported'}`;
}

/** Checks every string value holding a template; also flags `{user.x}` written without its `$`. */
export function checkTemplates(ctx: AttrContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkStrings(ctx.json, (path, s) => {
    if (hasPlaceholders(s)) {
      let found: Diagnostic[];
      try {
        found = checkTemplate(s);
      } catch (e) {
        found = [
          {
            code: 'template.engine-failure',
            severity: 'warning',
            message: `the binding engine failed on this template: ${e instanceof Error ? e.message : String(e)}`,
          },
        ];
      }
      for (const d of found) {
        const offset = d.location?.offset;
        const f = finding(
          ctx,
          templateCode(d.code, d.severity),
          d.severity,
          path,
          `Template ${offset !== undefined ? `at position ${offset} ` : ''}does not parse: ${d.message}`,
          d.hint ?? 'EIC evaluates `${...}` as Groovy; fix the expression.',
          { inner: offset },
        );
        if (f.location && offset !== undefined) f.location.offset = offset;
        out.push(f);
      }
    }
    for (const m of s.matchAll(MISSING_DOLLAR)) {
      out.push(
        finding(
          ctx,
          'template.missing-dollar',
          'warning',
          path,
          `"${m[0]}" looks like a binding without its "$": EIC sends it literally`,
          `Write \${${m[1]}}.`,
          { inner: m.index },
        ),
      );
    }
  });
  return out;
}
