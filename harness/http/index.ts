/** The emulator's HTTP runtime: auth manager, call execution, success rules, response registration, journal. */

export type { AuthBlock, AuthManagerOptions, TokenRequestPreview } from './auth/index.ts';
export { AUTH_TYPES, AuthManager, checkAuthentications, createAuthManager } from './auth/index.ts';
export type { CallOptions, CallResult, CallRuntime, CallSpec } from './call.ts';
export { callSpecFrom, executeCall, timeoutFromConfig, urlProblem } from './call.ts';
export { encodeBody, headerValue } from './encode.ts';
export { getPath, pathValueToString, splitPath } from './paths.ts';
export { ExchangeRecorder } from './recorder.ts';
export type { Renderer } from './render.ts';
export { groovyRenderer, renderDeep, renderField } from './render.ts';
export type { ResponseEntry } from './responses.ts';
export { parseBody, ResponseRegistry } from './responses.ts';
export { sendRequest, wireMethod } from './send.ts';
export { classifyResponse } from './success.ts';
export type { ConnectionTest, TestConnectionOptions, TestConnectionResult } from './test-connection.ts';
export { testConnection } from './test-connection.ts';
export type { Exchange, RecordedRequest, RecordedResponse, Transport } from './types.ts';
