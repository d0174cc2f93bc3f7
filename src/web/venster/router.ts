import { type Request, type Response, Router } from "express";
import type { AppContext } from "../../app/context.js";
import { loadOverview, loadRegionPage, VensterNotFoundError } from "../../app/venster/load-venster.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { Logger } from "../../logger.js";
import { sendCsv } from "./csv.js";
import { escalationsTable, nationalTable, outliersTable, regionsTable } from "./overview-tables.js";
import { type ErrorKind, renderError, renderOverview, renderRegion } from "./pages.js";
import {
  activityTable,
  escalationThemesTable,
  organisationTypesTable,
  supportThemesTable,
  trendTable,
} from "./region-tables.js";
import type { CsvTable } from "./table-cells.js";

/**
 * The venster pages, open to all parties (no sign-in: they show counts only, never names or free text):
 *   GET /venster[?wave=<id or name>][&lang=en]          national overview of a wave
 *   GET /venster/{landelijk,regios,uitschieters,hulpvragen}.csv
 *   GET /venster/regio/<slug>[?wave=…][&lang=en]        one region
 *   GET /venster/regio/<slug>/{organisaties,trend,ondersteuning,hulpvragen,activiteit}.csv
 * Mounted in every mode. Unknown wave or region → 404; no venster wave yet → a page saying how to open one;
 * database unreachable → 503.
 */
export type VensterRouterDeps = {
  ctx: AppContext;
  /** Resolves when the database answers; tells a 503 (database down) from a 500 (a bug). */
  ping: () => Promise<void>;
  logger: Pick<Logger, "error">;
};

const queryString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export function createVensterRouter(deps: VensterRouterDeps): Router {
  const { ctx } = deps;
  const router = Router();
  const localeOf = (req: Request): Locale => {
    const lang = queryString(req.query.lang);
    return lang === "en" || lang === "nl" ? lang : ctx.locale;
  };

  const handle =
    (work: (req: Request, res: Response, locale: Locale) => Promise<void>) =>
    async (req: Request, res: Response) => {
      const locale = localeOf(req);
      try {
        await work(req, res, locale);
      } catch (error) {
        let status = 500;
        let kind: ErrorKind = "error";
        if (error instanceof VensterNotFoundError) {
          status = 404;
          kind = error.what === "wave" ? "wave-not-found" : "region-not-found";
        } else {
          const reachable = await deps.ping().then(
            () => true,
            () => false,
          );
          if (!reachable) {
            status = 503;
            kind = "unavailable";
          } else {
            deps.logger.error({ err: error, path: req.path }, "venster-pagina mislukt");
          }
        }
        if (status === 503) res.set("Retry-After", "60");
        res.status(status).type("html").send(renderError(locale, kind));
      }
    };

  const noWaves = (res: Response, locale: Locale) => {
    res.status(404).type("html").send(renderError(locale, "no-waves"));
  };

  router.get(
    "/venster",
    handle(async (req, res, locale) => {
      const data = await loadOverview(ctx, queryString(req.query.wave));
      if (data.kind === "no-waves") return noWaves(res, locale);
      res.type("html").send(renderOverview(locale, ctx.timeZone, data));
    }),
  );

  const overviewCsv: Record<
    string,
    (
      locale: Locale,
      data: Extract<Awaited<ReturnType<typeof loadOverview>>, { kind: "overview" }>,
    ) => CsvTable
  > = {
    landelijk: (locale, data) => nationalTable(locale, data.model.national, "").csv,
    regios: (locale, data) => regionsTable(locale, data.model.regions, () => "", "").csv,
    uitschieters: (locale, data) => outliersTable(locale, data.model.outliers, () => "", "").csv,
    hulpvragen: (locale, data) => escalationsTable(locale, ctx.timeZone, data.escalations, () => "", "").csv,
  };
  router.get(
    "/venster/:table.csv",
    handle(async (req, res, locale) => {
      const build = ownEntry(overviewCsv, String(req.params.table));
      if (!build) throw new VensterNotFoundError("wave", String(req.params.table));
      const data = await loadOverview(ctx, queryString(req.query.wave));
      if (data.kind === "no-waves") return noWaves(res, locale);
      const table = build(locale, data);
      sendCsv(
        res,
        locale,
        table.filename.replace(".csv", `-${fileSafe(data.wave.name)}.csv`),
        table.header,
        table.rows,
      );
    }),
  );

  router.get(
    "/venster/regio/:slug",
    handle(async (req, res, locale) => {
      const data = await loadRegionPage(ctx, String(req.params.slug), queryString(req.query.wave));
      if (!data) return noWaves(res, locale);
      res.type("html").send(renderRegion(locale, ctx.timeZone, data));
    }),
  );

  type RegionData = NonNullable<Awaited<ReturnType<typeof loadRegionPage>>>;
  const regionCsv: Record<string, (locale: Locale, data: RegionData) => CsvTable> = {
    organisaties: (locale, data) => organisationTypesTable(locale, data.organisationTypes, "").csv,
    trend: (locale, data) => trendTable(locale, data.trend, "").csv,
    ondersteuning: (locale, data) => supportThemesTable(locale, data.supportThemes, "").csv,
    hulpvragen: (locale, data) => escalationThemesTable(locale, data.escalationThemes, "").csv,
    activiteit: (locale, data) => activityTable(locale, data.activity, "").csv,
  };
  router.get(
    "/venster/regio/:slug/:table.csv",
    handle(async (req, res, locale) => {
      const build = ownEntry(regionCsv, String(req.params.table));
      if (!build) throw new VensterNotFoundError("region", String(req.params.table));
      const data = await loadRegionPage(ctx, String(req.params.slug), queryString(req.query.wave));
      if (!data) return noWaves(res, locale);
      const table = build(locale, data);
      sendCsv(
        res,
        locale,
        table.filename.replace(".csv", `-${data.region.slug}-${fileSafe(data.wave.name)}.csv`),
        table.header,
        table.rows,
      );
    }),
  );
  return router;
}

/** Only the table names listed: `constructor` or `__proto__` in the URL is an unknown table, not a lookup. */
const ownEntry = <T>(table: Record<string, T>, name: string): T | undefined =>
  Object.hasOwn(table, name) ? table[name] : undefined;

const fileSafe = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
