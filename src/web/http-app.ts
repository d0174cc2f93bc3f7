import express, { type Express, type Router } from "express";
import type { Database } from "../db/client.js";
import { createHealthRouter } from "./health.js";

export type HttpDependencies = { database: Database; slack?: Router; teams?: Router; venster?: Router };

/** The one HTTP app every replica serves; platform receivers and pages are mounted here as they arrive. */
export function createHttpApp(deps: HttpDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(createHealthRouter(deps.database));
  if (deps.venster) app.use(deps.venster);
  // Bolt's receiver reads the raw body itself (for the signature), so no body parser is mounted before it.
  if (deps.slack) app.use(deps.slack);
  if (deps.teams) app.use(deps.teams);
  return app;
}
