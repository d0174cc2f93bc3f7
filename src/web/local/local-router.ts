import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { z } from "zod";
import type { AppContext } from "../../app/context.js";
import { ADAPTIVE_CARD_VERBS } from "../../app/inbound/dispatch-turn.js";
import {
  findLocalPerson,
  LocalRequestFailedError,
  listLocalPeople,
  localChannelsOf,
  localMessagesFor,
  runLocalCardAction,
  typeLocalLine,
  UnknownConversationError,
} from "../../bot/local/local-chat.js";
import { pick } from "../../domain/i18n.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { Logger } from "../../logger.js";
import { chatPage, notFoundPage, pickerPage, unavailablePage } from "./local-pages.js";

export type LocalRouterDependencies = { ctx: AppContext; logger: Logger; kick: () => void };

const require = createRequire(import.meta.url);
const OWN_ASSETS = fileURLToPath(new URL("./assets/", import.meta.url));
/** Everything the page loads comes from this app: the renderers from node_modules, the page's own files. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "adaptivecards.js": {
    file: require.resolve("adaptivecards/dist/adaptivecards.min.js"),
    type: "text/javascript; charset=utf-8",
  },
  // markdown-it's exports do not list its browser bundle; it sits next to the main file.
  "markdown-it.js": {
    file: path.join(path.dirname(require.resolve("markdown-it")), "browser", "markdown-it.umd.min.js"),
    type: "text/javascript; charset=utf-8",
  },
  "local.js": { file: path.join(OWN_ASSETS, "local.js"), type: "text/javascript; charset=utf-8" },
  "local.css": { file: path.join(OWN_ASSETS, "local.css"), type: "text/css; charset=utf-8" },
  "picker.js": { file: path.join(OWN_ASSETS, "picker.js"), type: "text/javascript; charset=utf-8" },
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The Adaptive Cards renderer styles its elements inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const LangSchema = z.object({ lang: z.enum(["nl", "en"]).optional() }).passthrough();
const PersonParamsSchema = z.object({ personId: z.uuid() });
/** The picker's search; anything else (a repeated or overlong q) is read as no search at all. */
const SearchSchema = z.object({ q: z.string().max(200).optional() }).passthrough();
const SinceSchema = z.object({ since: z.coerce.number().int().min(0).default(0) }).passthrough();
const RequestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/);
const LineSchema = z.object({
  requestId: RequestIdSchema,
  conversation: z.union([z.literal("dm"), z.uuid()]),
  text: z.string().trim().min(1).max(2000),
});
const ActionSchema = z.object({
  requestId: RequestIdSchema,
  messageId: z.uuid(),
  verb: z.enum(ADAPTIVE_CARD_VERBS),
  data: z.record(z.string(), z.unknown()).default({}),
});

const TEXTS = {
  notFound: { nl: "Deze persoon kennen we niet (meer).", en: "We do not know this person (any more)." },
  badRequest: {
    nl: "Dit verzoek begrijp ik niet. Laad de pagina opnieuw en probeer het nog eens.",
    en: "I do not understand this request. Please reload the page and try again.",
  },
  unavailable: {
    nl: "Er ging bij ons iets mis; er is niets verloren gegaan. Probeer het over een paar minuten opnieuw.",
    en: "Something went wrong on our side; nothing was lost. Please try again in a few minutes.",
  },
};

/**
 * /local: the person picker, each person's chat page, its JSON API and the page's assets. Mounted only in
 * local mode (no authentication: anyone on this machine may act as anyone).
 */
export function createLocalRouter(deps: LocalRouterDependencies): Router {
  const { ctx, logger } = deps;
  const router = express.Router();
  const chat = { ctx, logger, kick: deps.kick };

  const langOf = (req: Request): Locale => {
    const parsed = LangSchema.safeParse(req.query);
    return parsed.success && parsed.data.lang ? parsed.data.lang : ctx.locale;
  };
  const page = (res: Response, status: number, body: string) => {
    res.status(status).set("content-security-policy", CONTENT_SECURITY_POLICY).type("html").send(body);
  };
  /** A page that failed on our side (the database is down): a polite 503, never a stack trace. */
  const pageRoute =
    (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
      try {
        await handler(req, res);
      } catch (error) {
        logger.error({ err: error }, "lokale pagina mislukt");
        page(res, 503, unavailablePage(langOf(req)));
      }
    };
  const apiRoute =
    (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
      try {
        await handler(req, res);
      } catch (error) {
        // The pipeline has logged its own failures already.
        if (!(error instanceof LocalRequestFailedError))
          logger.error({ err: error }, "lokaal verzoek mislukt");
        res.status(503).json({ error: pick(langOf(req), TEXTS.unavailable) });
      }
    };
  /** The person of an API request, or a 404 answer in the page's language. */
  const personOf = async (req: Request, res: Response) => {
    const params = PersonParamsSchema.safeParse(req.params);
    const person = params.success ? await findLocalPerson(ctx.db, params.data.personId) : undefined;
    if (!person) res.status(404).json({ error: pick(langOf(req), TEXTS.notFound) });
    return person;
  };

  router.get("/local/assets/:name", async (req, res, next: NextFunction) => {
    const name = String(req.params.name);
    // Only the listed files: a name such as `constructor` must not reach Object.prototype.
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return next();
    res
      .type(asset.type)
      .set("cache-control", "no-cache")
      .set("x-content-type-options", "nosniff")
      .send(await readFile(asset.file));
  });

  router.get(
    "/local",
    pageRoute(async (req, res) => {
      const locale = langOf(req);
      const search = SearchSchema.safeParse(req.query);
      const query = search.success ? (search.data.q ?? "") : "";
      page(res, 200, pickerPage(locale, await listLocalPeople(ctx), { query }));
    }),
  );

  router.get(
    "/local/:personId",
    pageRoute(async (req, res) => {
      const locale = langOf(req);
      const params = PersonParamsSchema.safeParse(req.params);
      const entry = params.success
        ? (await listLocalPeople(ctx)).find((p) => p.id === params.data.personId)
        : undefined;
      if (!entry) return page(res, 404, notFoundPage(locale));
      page(res, 200, chatPage(locale, entry, await localChannelsOf(ctx, entry.id)));
    }),
  );

  router.get(
    "/local/api/people/:personId/messages",
    apiRoute(async (req, res) => {
      const person = await personOf(req, res);
      if (!person) return;
      const query = SinceSchema.safeParse(req.query);
      if (!query.success) return void res.status(400).json({ error: pick(langOf(req), TEXTS.badRequest) });
      res.set("cache-control", "no-store").json(await localMessagesFor(ctx, person.id, query.data.since));
    }),
  );

  router.post(
    "/local/api/people/:personId/messages",
    express.json({ limit: "64kb" }),
    apiRoute(async (req, res) => {
      const person = await personOf(req, res);
      if (!person) return;
      const body = LineSchema.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: pick(langOf(req), TEXTS.badRequest) });
      try {
        const result = await typeLocalLine(chat, { person, ...body.data });
        res.status(result.duplicate ? 200 : 201).json(result);
      } catch (error) {
        if (!(error instanceof UnknownConversationError)) throw error;
        res.status(404).json({ error: error.userMessage(langOf(req)) });
      }
    }),
  );

  router.post(
    "/local/api/people/:personId/actions",
    express.json({ limit: "256kb" }),
    apiRoute(async (req, res) => {
      const person = await personOf(req, res);
      if (!person) return;
      const body = ActionSchema.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: pick(langOf(req), TEXTS.badRequest) });
      res.json({ card: await runLocalCardAction(chat, { person, ...body.data }) });
    }),
  );

  // A malformed JSON body (express.json's own error) is answered like any other bad request.
  router.use("/local", (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: string })?.type === "entity.parse.failed") {
      return void res.status(400).json({ error: pick(langOf(req), TEXTS.badRequest) });
    }
    next(error);
  });
  return router;
}
