/** The emulator's HTTP runtime: auth manager, call execution, success rules, response registration, journal. */

export type { AuthBlock, AuthManagerOptions, TokenRequestPreview } from './auth/index.ts';
export { AUTH_TYPES, AuthManager, checkAuthentications, createAuthManager } from './auth/index.ts';
export type { CallFailure, CallOptions, CallResult, CallRuntime } from './call.ts';
export { executeCall } from './call.ts';
export { encodeBody, headerValue } from './encode.ts';
export { getPath, pathValueToString, splitPath } from './paths.ts';
export type { PreparedRequest } from './prepare.ts';
export { EIC_METHODS, prepareRequest } from './prepare.ts';
export { ExchangeRecorder } from './recorder.ts';
export type { Renderer } from './render.ts';
export { groovyRenderer, renderDeep, renderField } from './render.ts';
export type { ResponseEntry } from './responses.ts';
export { parseBody, ResponseRegistry } from './responses.ts';
export { retryReason, timeOutErrorMatch } from './retry.ts';
export { sendRequest, wireMethod } from './send.ts';
export type { CallSpec } from './spec.ts';
export { callSpecFrom } from './spec.ts';
export { classifyResponse } from './success.ts';
export type { ConnectionTest, TestConnectionOptions, TestConnectionResult } from './test-connection.ts';
export { testConnection } from './test-connection.ts';
export type { ConnectionTimeoutConfig, RetryBackoff, RetryPolicy, TimeoutLimits } from './timeouts.ts';
export { readConnectionTimeoutConfig, retryWaitMs } from './timeouts.ts';
export type { Exchange, NetworkConditions, RecordedRequest, RecordedResponse, Transport } from './types.ts';
export type { UrlWhitespaceMode } from './url.ts';
export { applyUrlWhitespace, urlProblem } from './url.ts';
