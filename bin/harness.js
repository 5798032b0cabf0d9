#!/usr/bin/env node
// Entry point for `npx harness`. In the repo (the TypeScript sources beside this folder) it runs them through tsx, so
// there is no build step and a stale dist/ is never run; in the installed package (no sources, compiled JavaScript in
// dist/) it runs the compiled CLI, so the package needs neither tsx nor TypeScript.
import { existsSync } from 'node:fs';

const source = new URL('../harness/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/harness/cli/main.js', import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else if (existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  process.stderr.write('harness: neither the sources nor dist/ are here; build the package with `npm run build`\n');
  process.exit(2);
}
const code = await cli.runCli(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
