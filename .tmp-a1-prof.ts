import { generateTenant } from './fixtures/tenant/generate.ts';
generateTenant({ seed: 7, users: 100_000, workspacesPerAccount: 2 });
