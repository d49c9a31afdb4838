#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so `npx policy-desk` works
// straight after `npm install`, with no build step.
import { tsImport } from 'tsx/esm/api';

await tsImport('../adapters/cli/main.ts', import.meta.url);
