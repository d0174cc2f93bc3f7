import express, { type Express, type Router } from "express";
import type { Database } from "../db/client.js";
import { createHealthRouter } from "./health.js";

export type HttpDependencies = {
  database: Database;
  slack?: Router;
  teams?: Router;
  /** The national window (/venster): served in every mode. */
  venster?: Router;
  /** The /local chat page: present only in local mode, where `/` leads to it. */
  local?: Router;
};

/** The one HTTP app every replica serves; platform receivers and pages are mounted here as they arrive. */
export function createHttpApp(deps: HttpDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(createHealthRouter(deps.database));
  if (deps.venster) app.use(deps.venster);
  // Bolt's receiver reads the raw body itself (for the signature), so no body parser is mounted before it.
  if (deps.slack) app.use(deps.slack);
  if (deps.teams) app.use(deps.teams);
  if (deps.local) {
    app.use(deps.local);
    app.get("/", (_req, res) => res.redirect(303, "/local"));
  } else if (deps.venster) {
    app.get("/", (_req, res) => res.redirect(303, "/venster"));
  }
  return app;
}
