/** Public API of the fake SAP LeanIX MTM API (domain core; infra adds the msw/http/journal wrappers here). */

export type { Clock } from './clock.ts';
export { createClock, DEFAULT_EPOCH } from './clock.ts';
export { CONTROL_PREFIX, createControlApi } from './control.ts';
export type { FakeCore, FakeCoreOptions, RateLimitConfig, RateLimitInput } from './core.ts';
export { createFakeCore, DEFAULT_TOKEN_LIFETIME, MAX_BODY_BYTES, MTM_PREFIX } from './core.ts';
export type { FakeLeanIX, FakeLeanIXOptions, FakeSnapshot } from './fake.ts';
// Infra: the wrapped fake (faults, journal, HAR), its adapters (msw, node:http) and the control API.
export { createFakeLeanIX } from './fake.ts';
export type { DelayMode, FaultRule, FaultRuleState, Faults, RequestHandler } from './faults.ts';
export { compilePathPattern, createFaults, FAULT_HEADER, validateFaultRule } from './faults.ts';
export type { Har, HarEntry } from './har.ts';
export { toHar } from './har.ts';
export type { FakeServer, FakeServerOptions } from './http-server.ts';
export { isLoopback, startFakeServer } from './http-server.ts';
export type { Journal, JournalEntry, JournalQuery } from './journal.ts';
export { createJournal, DEFAULT_JOURNAL_SIZE } from './journal.ts';
export type { Account, ApiToken, Permission, TenantData, User, Workspace } from './model.ts';
export { linkHeader } from './paging.ts';
export type { PageSizes, Quirks, QuirksInput } from './quirks.ts';
export { DEFAULT_QUIRKS, QUIRK_CHOICES, resolveQuirks } from './quirks.ts';
export { DEFAULT_RATE_LIMIT, RateLimitSettings, resolveRateLimit, updateRateLimit } from './ratelimit.ts';
export type { SentInvitation } from './routes/index.ts';
export type { Store, StoreCounts, StoreSnapshot } from './store.ts';
export { checkTenant, createStore } from './store.ts';
export type { AccessClaims, PrincipalClaim } from './tokens.ts';
