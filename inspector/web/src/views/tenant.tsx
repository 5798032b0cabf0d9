/** Tenant view: users, workspaces and permissions of the selected world, with search, filters and details. */
import { useMemo, useState } from 'preact/hooks';
import { worldPath } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { Json } from '../components/Json.tsx';
import { ErrorNote, Field, FilterSelect } from '../components/Notice.tsx';
import { panelId, Tabs, tabId } from '../components/Tabs.tsx';
import { count, iso, matches } from '../format.ts';
import { changeOf, useResource } from '../hooks.ts';
import type { TenantData, TenantPermission, TenantUser, TenantWorkspace } from '../types.ts';

type Kind = 'users' | 'workspaces' | 'permissions';
type Detail =
  | { kind: 'user'; user: TenantUser }
  | { kind: 'workspace'; ws: TenantWorkspace }
  | { kind: 'perm'; p: TenantPermission };

const RECORD_TABS = [
  { id: 'users', label: 'Users' },
  { id: 'workspaces', label: 'Workspaces' },
  { id: 'permissions', label: 'Permissions' },
];

/** Indexes over a tenant export for joins in the tables. */
function indexTenant(t: TenantData) {
  const users = new Map(t.users.map((u) => [u.id, u]));
  const workspaces = new Map(t.workspaces.map((w) => [w.id, w]));
  const permsByUser = new Map<string, TenantPermission[]>();
  const permsByWs = new Map<string, TenantPermission[]>();
  for (const p of t.permissions) {
    (permsByUser.get(p.userId) ?? permsByUser.set(p.userId, []).get(p.userId)!).push(p);
    (permsByWs.get(p.workspaceId) ?? permsByWs.set(p.workspaceId, []).get(p.workspaceId)!).push(p);
  }
  return { users, workspaces, permsByUser, permsByWs };
}

const distinct = (values: string[]) => [...new Set(values)].sort();
const fullName = (u: TenantUser) => [u.firstName, u.lastName].filter(Boolean).join(' ');

/** The Tenant view. */
export function TenantView({ world }: { world: string }) {
  const res = useResource<TenantData>(worldPath(world, 'state/export'), changeOf(world, ['tenant']));
  const [kind, setKind] = useState<Kind>('users');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [role, setRole] = useState('');
  const [workspace, setWorkspace] = useState('');
  const [detail, setDetail] = useState<Detail | null>(null);
  const tenant = res.data;
  const ix = useMemo(() => (tenant ? indexTenant(tenant) : null), [tenant]);

  const switchKind = (k: string) => {
    setKind(k as Kind);
    setStatus('');
    setRole('');
  };

  return (
    <section aria-labelledby="tenant-h">
      <div class="view-head">
        <h2 id="tenant-h">Tenant</h2>
        {tenant && (
          <p class="muted">
            {count(tenant.accounts.length, 'account')}, {count(tenant.workspaces.length, 'workspace')},{' '}
            {count(tenant.users.length, 'user')}, {count(tenant.permissions.length, 'permission')}
          </p>
        )}
      </div>
      <ErrorNote error={res.error} prefix="Cannot load the tenant" />
      <Tabs label="Records" idPrefix="records" tabs={RECORD_TABS} selected={kind} onSelect={switchKind} />
      <div id={panelId('records')} role="tabpanel" aria-labelledby={tabId('records', kind)}>
        {tenant && ix && (
          <>
            <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
              <Field label="Search">
                <input type="search" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
              </Field>
              <FilterSelect
                label="Status"
                value={status}
                onChange={setStatus}
                values={distinct(
                  kind === 'users'
                    ? tenant.users.map((u) => u.status)
                    : kind === 'workspaces'
                      ? tenant.workspaces.map((w) => w.status)
                      : tenant.permissions.map((p) => p.status),
                )}
              />
              <FilterSelect
                label="Role"
                value={role}
                onChange={setRole}
                values={distinct(
                  kind === 'users'
                    ? tenant.users.map((u) => u.role)
                    : kind === 'workspaces'
                      ? tenant.workspaces.map((w) => w.defaultRole)
                      : tenant.permissions.map((p) => p.role),
                )}
              />
              {kind !== 'workspaces' && (
                <FilterSelect
                  label="Workspace"
                  value={workspace}
                  onChange={setWorkspace}
                  values={tenant.workspaces.map((w) => ({ value: w.id, label: w.name }))}
                />
              )}
            </form>
            {kind === 'users' && (
              <UsersTable
                tenant={tenant}
                ix={ix}
                filter={{ search, status, role, workspace }}
                onOpen={(user) => setDetail({ kind: 'user', user })}
              />
            )}
            {kind === 'workspaces' && (
              <WorkspacesTable
                tenant={tenant}
                ix={ix}
                filter={{ search, status, role, workspace: '' }}
                onOpen={(ws) => setDetail({ kind: 'workspace', ws })}
              />
            )}
            {kind === 'permissions' && (
              <PermissionsTable
                tenant={tenant}
                ix={ix}
                filter={{ search, status, role, workspace }}
                onOpen={(p) => setDetail({ kind: 'perm', p })}
              />
            )}
          </>
        )}
        {!tenant && res.loading && <p class="muted">Loading…</p>}
      </div>
      {detail && ix && <DetailDialog detail={detail} ix={ix} onClose={() => setDetail(null)} />}
    </section>
  );
}

interface Filter {
  search: string;
  status: string;
  role: string;
  workspace: string;
}
type Ix = ReturnType<typeof indexTenant>;
interface TableProps<T> {
  tenant: TenantData;
  ix: Ix;
  filter: Filter;
  onOpen: (row: T) => void;
}

function UsersTable({ tenant, ix, filter, onOpen }: TableProps<TenantUser>) {
  const rows = useMemo(
    () =>
      tenant.users.filter(
        (u) =>
          (!filter.status || u.status === filter.status) &&
          (!filter.role || u.role === filter.role) &&
          (!filter.workspace || (ix.permsByUser.get(u.id) ?? []).some((p) => p.workspaceId === filter.workspace)) &&
          matches(filter.search, u.email, u.userName, u.firstName, u.lastName, u.displayName, u.id),
      ),
    [tenant, ix, filter.search, filter.status, filter.role, filter.workspace],
  );
  return (
    <DataTable
      caption={`Users (${rows.length})`}
      rows={rows}
      rowKey={(u) => u.id}
      onOpen={onOpen}
      columns={[
        { label: 'Email', render: (u) => u.email },
        { label: 'Name', render: fullName },
        { label: 'Role', render: (u) => u.role },
        { label: 'Status', render: (u) => <span class={`badge st-${u.status.toLowerCase()}`}>{u.status}</span> },
        { label: 'Technical', render: (u) => (u.technicalUser ? 'yes' : '') },
        { label: 'Workspaces', render: (u) => ix.permsByUser.get(u.id)?.length ?? 0, className: 'num' },
        { label: 'Last login', render: (u) => iso(u.lastLogin), className: 'time' },
      ]}
    />
  );
}

function WorkspacesTable({ tenant, ix, filter, onOpen }: TableProps<TenantWorkspace>) {
  const rows = useMemo(
    () =>
      tenant.workspaces.filter(
        (w) =>
          (!filter.status || w.status === filter.status) &&
          (!filter.role || w.defaultRole === filter.role) &&
          matches(filter.search, w.name, w.id, w.type, w.product),
      ),
    [tenant, filter.search, filter.status, filter.role],
  );
  return (
    <DataTable
      caption={`Workspaces (${rows.length})`}
      rows={rows}
      rowKey={(w) => w.id}
      onOpen={onOpen}
      columns={[
        { label: 'Name', render: (w) => w.name },
        { label: 'Id', render: (w) => <code>{w.id}</code> },
        { label: 'Type', render: (w) => w.type },
        { label: 'Status', render: (w) => <span class={`badge st-${w.status.toLowerCase()}`}>{w.status}</span> },
        { label: 'Product', render: (w) => w.product },
        { label: 'Default role', render: (w) => w.defaultRole },
        { label: 'Permissions', render: (w) => ix.permsByWs.get(w.id)?.length ?? 0, className: 'num' },
        { label: 'Created', render: (w) => iso(w.createdAt), className: 'time' },
      ]}
    />
  );
}

function PermissionsTable({ tenant, ix, filter, onOpen }: TableProps<TenantPermission>) {
  const rows = useMemo(
    () =>
      tenant.permissions.filter((p) => {
        const u = ix.users.get(p.userId);
        return (
          (!filter.status || p.status === filter.status) &&
          (!filter.role || p.role === filter.role) &&
          (!filter.workspace || p.workspaceId === filter.workspace) &&
          matches(filter.search, u?.email, u?.userName, u?.firstName, u?.lastName, p.id, p.role)
        );
      }),
    [tenant, ix, filter.search, filter.status, filter.role, filter.workspace],
  );
  return (
    <DataTable
      caption={`Permissions (${rows.length})`}
      rows={rows}
      rowKey={(p) => p.id}
      onOpen={onOpen}
      columns={[
        { label: 'User', render: (p) => ix.users.get(p.userId)?.email ?? p.userId },
        { label: 'Workspace', render: (p) => ix.workspaces.get(p.workspaceId)?.name ?? p.workspaceId },
        { label: 'Role', render: (p) => p.role },
        { label: 'Status', render: (p) => <span class={`badge st-${p.status.toLowerCase()}`}>{p.status}</span> },
        { label: 'Created', render: (p) => iso(p.createdAt), className: 'time' },
        { label: 'Last login', render: (p) => iso(p.lastLogin), className: 'time' },
      ]}
    />
  );
}

function Fields({ record }: { record: object }) {
  return (
    <dl class="kv">
      {Object.entries(record).map(([k, v]) => [
        <dt key={`k-${k}`}>{k}</dt>,
        <dd key={`v-${k}`}>
          {v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v)}
        </dd>,
      ])}
    </dl>
  );
}

function DetailDialog({ detail, ix, onClose }: { detail: Detail; ix: Ix; onClose: () => void }) {
  if (detail.kind === 'user') {
    const u = detail.user;
    const perms = ix.permsByUser.get(u.id) ?? [];
    return (
      <Dialog title={u.email} onClose={onClose}>
        <Fields record={u} />
        <DataTable
          caption={`Permissions of ${u.email} (${perms.length})`}
          rows={perms}
          rowKey={(p) => p.id}
          columns={[
            { label: 'Workspace', render: (p) => ix.workspaces.get(p.workspaceId)?.name ?? p.workspaceId },
            { label: 'Role', render: (p) => p.role },
            { label: 'Status', render: (p) => p.status },
            { label: 'Last login', render: (p) => iso(p.lastLogin), className: 'time' },
          ]}
        />
        <h3>JSON</h3>
        <Json value={u} />
      </Dialog>
    );
  }
  if (detail.kind === 'workspace') {
    const w = detail.ws;
    const perms = ix.permsByWs.get(w.id) ?? [];
    const byStatus = new Map<string, number>();
    for (const p of perms) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
    return (
      <Dialog title={w.name} onClose={onClose}>
        <Fields record={w} />
        <p>
          {count(perms.length, 'permission')}
          {perms.length > 0 &&
            `: ${[...byStatus]
              .sort()
              .map(([s, n]) => `${n} ${s}`)
              .join(', ')}`}
        </p>
        <h3>JSON</h3>
        <Json value={w} />
      </Dialog>
    );
  }
  const p = detail.p;
  const u = ix.users.get(p.userId);
  const w = ix.workspaces.get(p.workspaceId);
  return (
    <Dialog title={u?.email ?? p.id} onClose={onClose}>
      <p>
        Permission of <strong>{u?.email ?? p.userId}</strong> in <strong>{w?.name ?? p.workspaceId}</strong>
      </p>
      <Fields record={p} />
      <h3>JSON</h3>
      <Json value={p} />
    </Dialog>
  );
}
