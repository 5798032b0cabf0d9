/**
 * Request bodies from `httpParams`: a string is the raw rendered body; an object is form-encoded for
 * `application/x-www-form-urlencoded` (`-pws` encodes spaces as %20), a multipart body for `multipart/form-data`
 * (one text part per key, fixed boundary `MULTIPART_BOUNDARY` so exchanges are reproducible), otherwise serialized
 * as JSON; `""`, `{}`-less absence or null means no body. Strings inside an object were already rendered.
 */

/** The boundary of multipart bodies the emulator builds (EIC's Jwt `jwt_token` sample posts multipart/form-data). */
export const MULTIPART_BOUNDARY = 'HarnessFormBoundary7d4a1c2e9b';

/** The header value of `name` (case-insensitive), if present. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function formValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Encodes rendered httpParams as a body for the content type; undefined = no body. */
export function encodeBody(params: unknown, contentType: string): string | undefined {
  if (params === undefined || params === null || params === '') return undefined;
  if (typeof params === 'string') return params;
  const ct = contentType.toLowerCase();
  if (typeof params === 'object' && !Array.isArray(params) && ct.startsWith('application/x-www-form-urlencoded')) {
    const entries = Object.entries(params as Record<string, unknown>);
    if (entries.length === 0) return undefined;
    const sp = new URLSearchParams();
    for (const [k, v] of entries) sp.append(k, formValue(v));
    const text = sp.toString();
    return ct.endsWith('-pws') ? text.replaceAll('+', '%20') : text;
  }
  if (typeof params === 'object' && !Array.isArray(params) && Object.keys(params).length === 0) return undefined;
  if (typeof params === 'object' && !Array.isArray(params) && ct.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1] ?? MULTIPART_BOUNDARY;
    const parts = Object.entries(params as Record<string, unknown>).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${formValue(v)}\r\n`,
    );
    return `${parts.join('')}--${boundary}--\r\n`;
  }
  return JSON.stringify(params);
}

/** The Content-Type to put on the wire for an EIC httpContentType (the `-pws` variant is a form). */
export function wireContentType(httpContentType: string | undefined, params: unknown): string | undefined {
  if (httpContentType && /^multipart\/form-data\s*$/i.test(httpContentType))
    return `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`;
  if (httpContentType) return httpContentType.replace(/-pws$/i, '');
  if (params && typeof params === 'object') return 'application/json';
  return undefined;
}
