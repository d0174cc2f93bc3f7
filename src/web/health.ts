import { Router } from "express";
import type { Database } from "../db/client.js";

/** `/healthz`: the process is alive. `/readyz`: the database answers, so the replica can take traffic. */
export function createHealthRouter(database: Pick<Database, "ping">): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    try {
      await database.ping(2000);
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "unavailable", reason: "database" });
    }
  });
  return router;
}
