/** What a step's action produced and the per-run context actions share (the runner, the sweep and the step modules). */
import { type Diagnostic, isHarnessError } from '../../lib/diagnostic.ts';
import type { Exchange } from '../http/types.ts';
import type { World } from './world.ts';

/** What a step produced, for its expectations. */
export interface Outcome {
  error?: Diagnostic;
  report?: unknown;
  diagnostics?: Diagnostic[];
  /** An `http` step's answer (`tokenRequest: true`: its own token request was refused, see http-step.ts). */
  response?: { status: number; headers: Record<string, string>; body: unknown; tokenRequest?: true };
  /** The exchanges `expect.exchanges` sees, when they are not the world emulator's (an `explain` step's dry run). */
  exchanges?: Exchange[];
}

/** Per-run mutable context. */
export interface RunCtx {
  world: World;
  snapshots: Map<
    string,
    { fake: ReturnType<World['fake']['snapshot']>; eic: ReturnType<World['emu']['state']['snapshot']> }
  >;
  taskSteps: Map<string, string>;
  accessToken?: string;
}

/** A Diagnostic of severity error. */
export const diag = (code: string, message: string, hint?: string): Diagnostic => ({
  code,
  severity: 'error',
  message,
  ...(hint ? { hint } : {}),
});

/** Any thrown value as a Diagnostic (a HarnessError keeps its code and location). */
export const toDiag = (e: unknown): Diagnostic =>
  isHarnessError(e) ? e.toDiagnostic() : diag('scenario.internal', e instanceof Error ? e.message : String(e));
