/** HAR 1.2 export of journal entries (already redacted by the journal, so the HAR holds no secret either). */
import type { JournalEntry, JournalMessage } from './journal.ts';

interface HarNameValue {
  name: string;
  value: string;
}

/** A HAR 1.2 entry (the fields this exporter writes; `_`-prefixed fields are HAR custom fields). */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string; comment?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _id: number;
  _fault?: string;
  /** Who answered when it was not the fake (a scenario's token server, harness/scenario/token-traffic.ts). */
  _source?: 'token server';
}

/** A HAR 1.2 document. */
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: never[];
    entries: HarEntry[];
    comment?: string;
  };
}

/** Who wrote the HAR. */
export const HAR_CREATOR = { name: 'leanix-eic-harness fake LeanIX', version: '0.1.0' };

const headerList = (h: Record<string, string>): HarNameValue[] =>
  Object.entries(h).map(([name, value]) => ({ name, value }));

const mime = (m: JournalMessage): string => m.headers['content-type'] ?? 'application/octet-stream';

/** Converts one journal entry to a HAR entry (fake-clock time as startedDateTime, wall duration as time). */
export function toHarEntry(e: JournalEntry): HarEntry {
  const url = new URL(e.url);
  const time = Math.max(0, Math.round(e.durationMs * 1000) / 1000);
  const entry: HarEntry = {
    startedDateTime: new Date(e.at).toISOString(),
    time,
    request: {
      method: e.method,
      url: e.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(e.request.headers),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      headersSize: -1,
      bodySize: e.request.bodySize,
    },
    response: {
      status: e.response.status,
      statusText: e.response.statusText,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(e.response.headers),
      content: {
        size: e.response.bodySize,
        mimeType: e.error ? 'x-unknown' : mime(e.response),
        text: e.response.body ?? '',
        ...(e.response.truncated ? { comment: 'body cut to the journal limit' } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: e.error ? -1 : e.response.bodySize,
      ...(e.error ? { _error: e.error } : {}),
    },
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    _id: e.id,
    ...(e.fault ? { _fault: e.fault } : {}),
  };
  if (e.request.body !== undefined) entry.request.postData = { mimeType: mime(e.request), text: e.request.body };
  return entry;
}

/** Builds a HAR 1.2 document from journal entries. */
export function toHar(entries: readonly JournalEntry[], comment?: string): Har {
  return {
    log: {
      version: '1.2',
      creator: { ...HAR_CREATOR },
      pages: [],
      entries: entries.map(toHarEntry),
      ...(comment ? { comment } : {}),
    },
  };
}
