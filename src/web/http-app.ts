import express, { type Express } from "express";
import type { Database } from "../db/client.js";
import { createHealthRouter } from "./health.js";

export type HttpDependencies = { database: Database };

/** The one HTTP app every replica serves; platform receivers and pages are mounted here as they arrive. */
export function createHttpApp(deps: HttpDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(createHealthRouter(deps.database));
  return app;
}
