/** Shapes shared by the auth flows: the ConnectionJSON auth block, the per-block state and the flow contract. */
import type { Diagnostic } from '../../../lib/diagnostic.ts';
import type { ExchangeRecorder } from '../recorder.ts';
import type { Renderer } from '../render.ts';
import type { OutgoingRequest } from '../send.ts';
import type { Transport } from '../types.ts';

/** A token-style request as a ConnectionJSON writes it (the block itself, or `refreshTokenCall`). */
export interface RequestConfig {
  url?: string;
  httpMethod?: string;
  httpParams?: unknown;
  httpHeaders?: Record<string, unknown>;
  httpContentType?: string;
  refreshTokenResponsePath?: string;
}

/** One entry of ConnectionJSON `authentications` (saviynt-rest-connector.md §1.2 [DOC S3]). */
export interface AuthBlock extends RequestConfig {
  authType?: string;
  expiryError?: string;
  authError?: string[] | string;
  errorPath?: string;
  retryFailureStatusCode?: (number | string)[];
  maxRefreshTryCount?: number | string;
  tokenResponsePath?: string;
  tokenType?: string;
  accessToken?: string;
  authHeaderName?: string;
  properties?: Record<string, unknown>;
  refreshType?: string;
  refreshToken?: string;
  refreshTokenAuthError?: string[] | string;
  refreshTokenErrorPath?: string;
  refreshTokenCall?: RequestConfig;
  refreshTokenFlag?: boolean | string;
  jwtConfig?: Record<string, unknown>;
  httpParamsName?: string;
  ssl?: Record<string, unknown>;
  maskInLogs?: string[];
  testConnectionParams?: Record<string, unknown>;
  /** Pause `retryWaitSeconds` after every `retryAfterCalls` calls (numbers or numeric strings). */
  apiRateLimitConfig?: { retryAfterCalls?: unknown; retryWaitSeconds?: unknown };
  [key: string]: unknown;
}

/** Who a token exchange belongs to (the task or job whose call needed it). */
export type Owner = { kind: 'task' | 'job'; id: string };

/** The live state of one auth block. */
export interface BlockState {
  name: string;
  block: AuthBlock;
  flow: Flow;
  /** `${access_token}`: the current token, prefix included (`Bearer xyz`), or null. */
  accessToken: string | null;
  /** `${refresh_token}`: the current refresh token (refresh-token flows), or null. */
  refreshToken: string | null;
  inflight?: Promise<void>;
  /** API calls sent through this connection so far (token requests not counted), for apiRateLimitConfig. */
  calls: number;
}

/** What a flow may use: the network, the journal, templates, time and connector files. */
export interface FlowContext {
  transport: Transport;
  recorder: ExchangeRecorder;
  render: Renderer;
  timeoutMs: number;
  /** Reads a file of EIC's "Connector Files" directory (SignedHeaders key files). */
  readConnectorFile(name: string): Promise<string>;
  /** Counts a token-style request (AuthManager.tokenRequests). */
  countTokenRequest(): void;
}

/** One family of authTypes: how its token is obtained and how a request carries it. */
export interface Flow {
  /** The authType as documented (`oauth2`, `Basic`, ...). */
  readonly authType: string;
  /** The initial `${access_token}` of a block. */
  initialToken(block: AuthBlock): string | null;
  /** True when the flow can obtain a new token for this block (a refresh). */
  canRefresh(block: AuthBlock): boolean;
  /** Why a refresh is impossible (for the failure message), when canRefresh is false. */
  noRefreshReason(block: AuthBlock): string;
  /** Obtains a new token (and refresh token) into the state; throws HarnessError naming the reason. */
  fetchToken?(state: BlockState, ctx: FlowContext, owner?: Owner): Promise<void>;
  /** The token request(s) as they would go out now, not sent (for `harness explain`). */
  previewTokenRequests?(state: BlockState, ctx: FlowContext): Promise<{ label: string; request: OutgoingRequest }[]>;
  /** Adds what the flow puts on every API request (Basic header, signature, cookie) to a rendered request. */
  authorize(state: BlockState, request: OutgoingRequest, ctx: FlowContext): Promise<void> | void;
  /** Findings about the block's flow-specific keys (paths relative to the block). */
  check(block: AuthBlock): BlockFinding[];
}

/** A finding about an auth block, its path relative to the block. */
export interface BlockFinding {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  path: (string | number)[];
  hint?: string;
}
