/**
 * Everything secret in an auth block, registered with the exchange recorder before any request goes out, so no
 * exchange, explain output or report shows it: stored and refresh tokens, passwords and other credential-named values
 * in `properties`, `httpParams` and `refreshTokenCall`, credential headers (with the password inside `Basic`), the
 * JWT signing key, the ssl key file password, and the keys and values named by `maskInLogs` [DOC S3].
 * Secrets a flow only learns later (new tokens, cookies, signatures, JWTs, key files) are registered by the flow.
 */
import type { ExchangeRecorder } from '../recorder.ts';
import { isCredentialKey, registerHeaderSecret } from './token-request.ts';
import type { AuthBlock, RequestConfig } from './types.ts';

function deepCredentials(recorder: ExchangeRecorder, value: unknown, masked: ReadonlySet<string>): void {
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && (isCredentialKey(k) || masked.has(k.toLowerCase()))) recorder.addSecret(v);
    else if (v && typeof v === 'object') deepCredentials(recorder, v, masked);
  }
}

function requestSecrets(recorder: ExchangeRecorder, cfg: RequestConfig | undefined, masked: ReadonlySet<string>): void {
  if (!cfg || typeof cfg !== 'object') return;
  deepCredentials(recorder, cfg.httpParams, masked);
  for (const [k, v] of Object.entries(cfg.httpHeaders ?? {}))
    if (
      typeof v === 'string' &&
      (k.toLowerCase() === 'authorization' || isCredentialKey(k) || masked.has(k.toLowerCase()))
    )
      registerHeaderSecret(recorder, v);
}

/** A PEM or key text, also as it appears JSON-escaped and line by line. */
export function registerKeyText(recorder: ExchangeRecorder, key: string): void {
  recorder.addSecret(key);
  recorder.addSecret(JSON.stringify(key).slice(1, -1));
  for (const line of key.replaceAll('\\n', '\n').split(/\r?\n/))
    if (line.length >= 16 && !line.startsWith('-----')) recorder.addSecret(line);
}

/** Registers the block's secrets (and its maskInLogs keys) with the recorder. */
export function registerBlockSecrets(recorder: ExchangeRecorder, block: AuthBlock, initialToken: string | null): void {
  const masked = new Set<string>();
  if (Array.isArray(block.maskInLogs))
    for (const k of block.maskInLogs)
      if (typeof k === 'string' && k.trim() !== '') {
        recorder.addMaskedKey(k);
        masked.add(k.trim().toLowerCase());
      }
  recorder.addSecret(initialToken);
  for (const k of ['accessToken', 'refreshToken'] as const)
    if (typeof block[k] === 'string') recorder.addSecret(block[k]);
  for (const [k, v] of Object.entries(block))
    if (typeof v === 'string' && (isCredentialKey(k) || masked.has(k.toLowerCase()))) recorder.addSecret(v);
  deepCredentials(recorder, block.properties, masked);
  requestSecrets(recorder, block, masked);
  requestSecrets(recorder, block.refreshTokenCall, masked);
  const jwt = block.jwtConfig && typeof block.jwtConfig === 'object' ? block.jwtConfig : {};
  for (const key of [jwt.key, block.key])
    if (typeof key === 'string' && key.length >= 4) registerKeyText(recorder, key);
  const pw = block.ssl && typeof block.ssl === 'object' ? block.ssl.keyFilePassword : undefined;
  if (typeof pw === 'string') recorder.addSecret(pw);
}
