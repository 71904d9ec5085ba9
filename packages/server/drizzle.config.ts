import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Each module keeps its tables beside its code (`<module>.table.ts`); infrastructure tables live in lib.
  schema: './src/**/*.table.ts',
  out: './src/db/migrations',
});
