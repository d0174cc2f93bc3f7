import { defineConfig } from "drizzle-kit";

// Migrations are generated from src/db/schema.ts, reviewed and committed; the app applies them at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./src/db/migrations",
  strict: true,
  verbose: true,
});
