/** EIC view forms: add an identity, create a provisioning task (submitted, or run at once). */
import { useState } from 'preact/hooks';
import { api, jsonBody, worldPath } from '../api.ts';
import { ErrorNote, Field } from '../components/Notice.tsx';
import { count } from '../format.ts';
import type { EicView, TaskView } from '../types.ts';

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** Props of the EIC forms. */
export interface EicFormsProps {
  world: string;
  eic: EicView;
  onDone: (message: string) => void;
}

/** "Add identity" and "New task", folded away in a <details>. */
export function EicForms({ world, eic, onDone }: EicFormsProps) {
  return (
    <details class="card forms">
      <summary>Identities and provisioning tasks</summary>
      <IdentityForm world={world} onDone={onDone} />
      <TaskForm world={world} eic={eic} onDone={onDone} />
    </details>
  );
}

function IdentityForm({ world, onDone }: Omit<EicFormsProps, 'eic'>) {
  const [username, setUsername] = useState('');
  const [firstname, setFirstname] = useState('');
  const [lastname, setLastname] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const identity: Record<string, string> = { username: username.trim() };
    if (firstname.trim()) identity.firstname = firstname.trim();
    if (lastname.trim()) identity.lastname = lastname.trim();
    if (email.trim()) identity.email = email.trim();
    try {
      await api(worldPath(world, 'eic/identities'), jsonBody('POST', { identities: [identity] }));
      onDone(`Identity ${identity.username} saved.`);
      setUsername('');
      setFirstname('');
      setLastname('');
      setEmail('');
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form class="filters" aria-label="Add identity" onSubmit={submit}>
      <Field label="Username">
        <input type="text" required value={username} onInput={(e) => setUsername(value(e))} />
      </Field>
      <Field label="First name">
        <input type="text" value={firstname} onInput={(e) => setFirstname(value(e))} />
      </Field>
      <Field label="Last name">
        <input type="text" value={lastname} onInput={(e) => setLastname(value(e))} />
      </Field>
      <Field label="Email">
        <input type="email" value={email} onInput={(e) => setEmail(value(e))} />
      </Field>
      <div class="actions">
        <button type="submit">Add identity</button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

function TaskForm({ world, eic, onDone }: EicFormsProps) {
  const [type, setType] = useState('NEWACCOUNT');
  const [identity, setIdentity] = useState('');
  const [account, setAccount] = useState('');
  const [entitlement, setEntitlement] = useState('');
  const [run, setRun] = useState<'submit' | 'instant'>('submit');
  const [error, setError] = useState<Error | null>(null);
  const identities = (eic.identities ?? []).map((i) => String(i.username));
  const needsEntitlement = type === 'ADDACCESS' || type === 'REMOVEACCESS';

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const body: Record<string, unknown> = { type, run };
    if (identity) body.identity = identity;
    if (account.trim()) body.account = account.trim();
    if (needsEntitlement && entitlement) {
      const [t, id] = JSON.parse(entitlement) as [string, string];
      body.entitlement = { type: t, id };
    }
    try {
      const out = await api<{ task: TaskView }>(worldPath(world, 'eic/tasks'), jsonBody('POST', body));
      const t = out.task;
      onDone(
        `Task ${t.id} (${t.typeName ?? t.type}) is ${t.statusName ?? t.status} after ${count(t.tries, 'try', 'tries')}.`,
      );
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <form class="filters" aria-label="New task" onSubmit={submit}>
      <Field label="Task type">
        <select value={type} onChange={(e) => setType(value(e))}>
          {eic.taskTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Identity">
        <select value={identity} onChange={(e) => setIdentity(value(e))}>
          <option value="">none</option>
          {identities.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Account name">
        <input type="text" list="eic-account-names" value={account} onInput={(e) => setAccount(value(e))} />
      </Field>
      <datalist id="eic-account-names">
        {eic.accounts.map((a) => (
          <option key={a.name} value={a.name} />
        ))}
      </datalist>
      {needsEntitlement && (
        <Field label="Entitlement">
          <select value={entitlement} required onChange={(e) => setEntitlement(value(e))}>
            <option value="">choose…</option>
            {eic.entitlements.map((en) => (
              <option key={`${en.type}\0${en.entitlementID}`} value={JSON.stringify([en.type, en.entitlementID])}>
                {en.type} {en.entitlementID}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="Run">
        <select
          value={run}
          title="submit: queued for the provisioning job (or run at once with instant provisioning); run now: provisioned at once"
          onChange={(e) => setRun(value(e) as 'submit' | 'instant')}
        >
          <option value="submit">submit</option>
          <option value="instant">run now</option>
        </select>
      </Field>
      <div class="actions">
        <button type="submit">Create task</button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
