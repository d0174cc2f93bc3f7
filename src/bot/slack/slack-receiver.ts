import type { App, Receiver } from "@slack/bolt";
import { isValidSlackRequest } from "@slack/bolt";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Logger } from "../../logger.js";
import { readSlackEnvelope } from "./slack-envelope.js";

/** Slack's rule: a request signed more than five minutes from now, either way, is refused (replays). */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type SlackReceiverOptions = {
  signingSecret: string;
  logger: Logger;
  /** The clock the signature's timestamp is checked against; injected by tests. */
  nowMilliseconds?: () => number;
};

/**
 * Bolt's three-method `Receiver`, as an express router at POST /slack/events. It reads the raw body, checks the
 * signature (and that the timestamp is within five minutes of now, in the future as well as the past), checks
 * the envelope with zod, and only then hands the request to Bolt (`app.processEvent`). The HTTP answer waits for
 * the listener and carries what it acknowledged with — so a modal can show errors inline, and a survey answer is
 * stored before Slack hears "thank you". Anything that is not a Slack request for this app is answered 4xx at
 * once: nobody waits three seconds for an acknowledgement that will never come.
 */
export class SlackReceiver implements Receiver {
  readonly router: Router;
  private app: App | undefined;

  constructor(private readonly options: SlackReceiverOptions) {
    this.router = express.Router();
    this.router.post("/slack/events", express.raw({ type: () => true, limit: "1mb" }), (req, res) =>
      this.handle(req, res),
    );
    // The raw-body reader's own errors: a body too large, or one that cannot be read.
    this.router.use("/slack/events", (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      const status = (error as { status?: unknown })?.status;
      if (typeof status === "number" && status >= 400 && status < 500) return void res.status(status).end();
      next(error);
    });
  }

  init(app: App): void {
    this.app = app;
  }

  /** Mounted in the app's own HTTP server: nothing to start or stop. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const rawBody = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
    if (!this.isSignedBySlack(rawBody, req)) return void res.status(401).end();
    const envelope = readSlackEnvelope(rawBody, req.get("content-type"));
    switch (envelope.kind) {
      case "malformed":
        return void res.status(400).end();
      case "unhandled":
        return void res.status(404).end();
      case "acknowledge":
        return void res.status(200).end();
      case "url-verification":
        return void res.status(200).json({ challenge: envelope.challenge });
      case "request":
        return this.dispatch(envelope.body, req, res);
    }
  }

  private async dispatch(body: Record<string, unknown>, req: Request, res: Response): Promise<void> {
    let acknowledged: { body: unknown } | undefined;
    const ack = async (response?: unknown) => {
      if (acknowledged) throw new Error("acknowledged twice");
      acknowledged = { body: response };
    };
    const retryNum = Number(req.get("x-slack-retry-num"));
    try {
      await this.app?.processEvent({
        body,
        ack,
        ...(Number.isInteger(retryNum) ? { retryNum } : {}),
        ...(req.get("x-slack-retry-reason") ? { retryReason: req.get("x-slack-retry-reason") } : {}),
      });
    } catch (error) {
      // Our listeners answer every failure themselves; this is Bolt's own (it could not authorise the app).
      this.options.logger.error({ err: error }, "Slack-verzoek niet verwerkt");
      if (!acknowledged) return void res.status(503).end();
    }
    // Well-formed, but no listener took it (an action or command this app does not have).
    if (!acknowledged) return void res.status(404).end();
    const answer = acknowledged.body;
    if (answer === undefined || answer === "") res.status(200).end();
    else if (typeof answer === "string") res.status(200).type("text/plain").send(answer);
    else res.status(200).json(answer);
  }

  private isSignedBySlack(rawBody: string, req: Request): boolean {
    const signature = req.get("x-slack-signature");
    const timestamp = req.get("x-slack-request-timestamp");
    if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
    const now = this.options.nowMilliseconds?.() ?? Date.now();
    if (Math.abs(now / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return false;
    return isValidSlackRequest({
      signingSecret: this.options.signingSecret,
      body: rawBody,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(timestamp) },
      nowMilliseconds: now,
    });
  }
}
