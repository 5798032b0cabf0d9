#!/usr/bin/env node
// Entry point for `npx harness`: runs the TypeScript CLI through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../harness/cli/main.ts');
const code = await runCli(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
