/** One HTTP exchange: request and response with headers and pretty bodies, and the evaluated bindings. */
import { iso, ms } from '../format.ts';
import type { Exchange } from '../types.ts';
import { Json } from './Json.tsx';

/** Headers as a definition list. */
export function Headers({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p class="muted">No headers.</p>;
  return <dl class="kv">{entries.map(([k, v]) => [<dt key={`k-${k}`}>{k}</dt>, <dd key={`v-${k}`}>{v}</dd>])}</dl>;
}

/** Bindings as `name = value` lines. */
export function Bindings({ bindings }: { bindings: Record<string, string> | undefined }) {
  const entries = Object.entries(bindings ?? {});
  return (
    <section class="bindings">
      <h5>Bindings</h5>
      {entries.length === 0 ? (
        <p class="muted">No bindings recorded.</p>
      ) : (
        <ul>
          {entries.map(([k, v]) => (
            <li key={k}>
              <code>{k}</code> = <code>{v}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An emulator exchange. */
export function ExchangeView({ exchange }: { exchange: Exchange }) {
  const { request, response } = exchange;
  return (
    <article class="exchange">
      <h4>
        <span class="muted">#{exchange.seq}</span> {exchange.label}: <code>{request.method}</code>{' '}
        <code class="url">{request.url}</code> → {response ? response.status : exchange.error ? 'no answer' : ''}{' '}
        <span class="muted">
          {ms(exchange.durationMs)} at {iso(exchange.at)}
        </span>
      </h4>
      {exchange.error && <p class="error-text">{exchange.error}</p>}
      <div class="two-col">
        <section>
          <h5>Request</h5>
          <Headers headers={request.headers} />
          {request.body ? <Json text={request.body} label="Request body" /> : <p class="muted">No body.</p>}
        </section>
        <section>
          <h5>Response</h5>
          {response ? (
            <>
              <Headers headers={response.headers} />
              {response.body ? <Json text={response.body} label="Response body" /> : <p class="muted">No body.</p>}
            </>
          ) : (
            <p class="muted">No response.</p>
          )}
        </section>
      </div>
      <Bindings bindings={exchange.bindings} />
    </article>
  );
}

/** A list of exchanges. */
export function ExchangeList({ exchanges }: { exchanges: Exchange[] | undefined }) {
  if (!exchanges?.length) return <p class="muted">No exchanges.</p>;
  return (
    <div class="exchanges">
      {exchanges.map((x) => (
        <ExchangeView key={x.seq} exchange={x} />
      ))}
    </div>
  );
}
