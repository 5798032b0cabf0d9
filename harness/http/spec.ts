/**
 * Call objects come in two shapes: flat (provisioning: `url`, `httpMethod`… on the call) and nested (import:
 * `http: {url, httpMethod, …}`); `callSpecFrom` reads both into one CallSpec, with the JSON paths of its fields.
 */

type Path = (string | number)[];

/** A call object normalized from either shape, with the JSON paths its fields came from. */
export interface CallSpec {
  name: string;
  connection?: string;
  url?: unknown;
  httpMethod?: unknown;
  httpHeaders?: unknown;
  httpParams?: unknown;
  httpContentType?: unknown;
  successResponses?: unknown;
  unsuccessResponses?: unknown;
  /** `showResponse` of a provisioning call (the response is kept on the task). */
  showResponse?: boolean;
  /** JSON path of the call object in its attribute. */
  path: Path;
  /** JSON path of the object holding url/httpMethod/… (the call itself, or its `http`). */
  httpPath: Path;
}

/** Reads a call object (flat or with `http`); `fallbackName` names calls without `name` (import: the map key). */
export function callSpecFrom(
  obj: Record<string, unknown>,
  path: Path,
  fallbackName = 'call',
  defaultConnection?: string,
): CallSpec {
  const http = obj.http && typeof obj.http === 'object' ? (obj.http as Record<string, unknown>) : undefined;
  const src = http ?? obj;
  const conn = obj.connection ?? http?.connection ?? defaultConnection;
  return {
    name: typeof obj.name === 'string' ? obj.name : fallbackName,
    connection: typeof conn === 'string' ? conn : undefined,
    url: src.url,
    httpMethod: src.httpMethod,
    httpHeaders: src.httpHeaders,
    httpParams: src.httpParams,
    httpContentType: src.httpContentType,
    successResponses: obj.successResponses ?? http?.successResponses,
    unsuccessResponses: obj.unsuccessResponses ?? http?.unsuccessResponses,
    showResponse: obj.showResponse === true || obj.showResponse === 'true',
    path,
    httpPath: http ? [...path, 'http'] : path,
  };
}
