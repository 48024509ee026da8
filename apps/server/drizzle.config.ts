import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every table file of the modules and the platform: a new module's tables are found without a hub file.
  schema: './src/{modules,platform}/**/*.table.ts',
  out: './src/db/migrations',
});
