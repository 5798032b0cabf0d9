/**
 * JSON body parsing and validation for the write endpoints (zod), in two flavours chosen per request by the
 * `unknownFields` quirk: unknown keys stripped (ignore) or refused (reject). Known-but-ignored MTM fields (`links`,
 * `apiKey`, ...) are declared so a client that GETs a user and PUTs it back is never refused for them.
 * Every failure is a 400 with the error envelope naming the field (`user.id`, `role`, ...).
 */
import { type ZodRawShape, type ZodType, z } from 'zod';
import { type ApiError, ApiFailure, badRequest } from './envelope.ts';
import { PERMISSION_ROLES, PERMISSION_STATUSES, USER_ROLES, USER_STATUSES } from './model.ts';

type Mode = 'ignore' | 'reject';

const ignored = z.unknown().optional();
const optStr = z.string().nullable().optional();

function makeSchemas(mode: Mode) {
  const obj = <S extends ZodRawShape>(shape: S) => (mode === 'reject' ? z.strictObject(shape) : z.object(shape));
  const idRef = obj({ id: z.string().min(1), name: ignored, fromAddress: ignored, links: ignored });
  const userKnownIgnored = {
    technicalUserName: ignored,
    technicalUserEmail: ignored,
    lastLogin: ignored,
    currentLogin: ignored,
    createdAt: ignored,
    apiKey: ignored,
    feedKey: ignored,
    crmTags: ignored,
    crmLink: ignored,
    numberOfFailedLoginAttempts: ignored,
    links: ignored,
    replayed: ignored,
    active: ignored,
  };
  const permissionItem = obj({
    id: ignored,
    workspaceId: z.string().optional(),
    workspace: obj({ id: z.string().optional(), name: ignored }).optional(),
    role: z.enum(PERMISSION_ROLES).optional(),
    status: z.enum(PERMISSION_STATUSES).optional(),
    links: ignored,
  });
  const userFields = {
    id: z.string().optional(),
    account: idRef.optional(),
    userName: z.string().min(1).optional(),
    email: z.string().min(1).optional(),
    firstName: optStr,
    lastName: optStr,
    displayName: optStr,
    department: optStr,
    role: z.enum(USER_ROLES).optional(),
    status: z.enum(USER_STATUSES).optional(),
    technicalUser: z.boolean().optional(),
    scimManaged: z.boolean().optional(),
    transientUser: z.boolean().optional(),
    permissions: z.array(permissionItem).optional(),
    ...userKnownIgnored,
  };
  const createUser = obj({
    ...userFields,
    account: idRef,
    role: z.enum(USER_ROLES),
    status: z.enum(USER_STATUSES),
  });
  const updateUser = obj(userFields);
  const embeddedUser = obj({ ...userFields, id: z.string().min(1).optional() });
  const permission = obj({
    id: z.string().min(1).optional(),
    user: embeddedUser.optional(),
    workspace: obj({ id: z.string().min(1).optional(), name: ignored, links: ignored, type: ignored }).optional(),
    workspaceId: z.string().min(1).optional(),
    role: z.enum(PERMISSION_ROLES).optional(),
    status: z.enum(PERMISSION_STATUSES).optional(),
    customerRoles: optStr,
    accessControlEntities: optStr,
    links: ignored,
    lastLogin: ignored,
    invitedByUser: ignored,
    reviewedByUser: ignored,
    ignoreBlacklist: ignored,
    count: ignored,
    replayed: ignored,
    active: ignored,
  });
  const invite = obj({
    host: obj({ id: z.string().min(1) }).optional(),
    user: obj({
      email: z.string().min(1),
      userName: z.string().min(1).optional(),
      firstName: optStr,
      lastName: optStr,
      id: ignored,
    }),
    workspace: obj({ id: z.string().min(1), name: ignored }),
    permission: obj({ role: z.enum(PERMISSION_ROLES), customerRoles: optStr, accessControlEntities: optStr }),
    message: optStr,
  });
  return { createUser, updateUser, permission, invite };
}

const SCHEMAS = { ignore: makeSchemas('ignore'), reject: makeSchemas('reject') };

export type CreateUserBody = z.infer<(typeof SCHEMAS)['ignore']['createUser']>;
export type UpdateUserBody = z.infer<(typeof SCHEMAS)['ignore']['updateUser']>;
export type PermissionBody = z.infer<(typeof SCHEMAS)['ignore']['permission']>;
export type InviteBody = z.infer<(typeof SCHEMAS)['ignore']['invite']>;
export type BodyKind = keyof (typeof SCHEMAS)['ignore'];

/** Parses request text as JSON: empty or malformed text is a 400 naming `body` with the parser's message. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw badRequest('body', 'request body is required (JSON)');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest('body', `malformed JSON: ${(e as Error).message}`);
  }
}

function issueToErrors(issue: z.core.$ZodIssue): ApiError[] {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ value: base ? `${base}.${k}` : k, messages: ['unknown field'] }));
  }
  const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
  return [{ value: base || 'body', messages: [missing ? 'is required' : issue.message] }];
}

/** Validates a parsed body against the schema of `kind` in the given unknown-field mode; 400 on any problem. */
export function validateBody<K extends BodyKind>(
  kind: K,
  value: unknown,
  mode: Mode,
): z.infer<(typeof SCHEMAS)['ignore'][K]> {
  const schema = SCHEMAS[mode][kind] as ZodType;
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.infer<(typeof SCHEMAS)['ignore'][K]>;
  const errors = r.error.issues.flatMap(issueToErrors);
  const first = errors[0];
  throw new ApiFailure(400, `invalid ${kind} body: ${first.value} ${first.messages[0]}`, errors);
}
