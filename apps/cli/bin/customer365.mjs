#!/usr/bin/env node
// The `customer365` command. The CLI and the server it starts are TypeScript run through tsx,
// registered here the same way `node --import tsx` does, so there is no build step.
await import('tsx');
await import('../src/main.ts');
