/** Scenario texts the inspector server's tests share. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/reference.ts';

/** A scenario of two clock steps against the bundled package (given relative to a folder beside fixtures/). */
export const QUICK = (name: string, pkg = '../fixtures/packages/leanix') => `name: ${name}
given:
  leanix: { tenant: demo }
  eic: { package: ${pkg}, fillPlaceholders: true }
steps:
  - name: later
    clock: { advance: 1h }
  - name: much later
    clock: { advance: 1d }
`;

/** A scenario with two variants; the second step runs in variant b only. */
export const VARIANTS = `name: two ways
description: common
given:
  leanix: { tenant: demo }
  eic: { package: ${join(PROJECT_ROOT, 'fixtures/packages/leanix')}, fillPlaceholders: true }
variants:
  a: { description: "Variant a." }
  b: { description: "Variant b.", given: { eic: { securitySystem: { provisioningTries: 2 } } } }
steps:
  - name: both
    clock: { advance: 1h }
  - name: only b
    variants: [b]
    clock: { advance: 1h }
`;
