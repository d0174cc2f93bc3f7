import { schedule } from "node-cron";
import type { AppContext } from "../app/context.js";
import { startHandoversForEndingMemberships } from "../app/table/handovers.js";
import { closeDueWaves } from "../app/waves/close-wave.js";
import { queueDueReminders } from "../app/waves/queue-due-reminders.js";
import type { Logger } from "../logger.js";

type Worker = { drain(settleMs?: number): Promise<unknown> };

/**
 * Ticks every minute in every replica. The tick only claims work that is due in PostgreSQL (closing waves,
 * reminder moments, handovers for ending memberships, outbox rows), so however many replicas tick, each thing
 * happens once; and a missed tick loses nothing, because due work stays due until claimed. Between ticks the
 * outbox worker is woken when work is queued (LISTEN/NOTIFY, wired in the runtime), so the minute is only the
 * safety net.
 */
export function startScheduler(deps: {
  ctx: AppContext;
  worker: Worker | undefined;
  logger: Logger;
  everyMinute?: boolean;
}) {
  const queueDueWork = async () => {
    await closeDueWaves(deps.ctx);
    await queueDueReminders(deps.ctx);
    await startHandoversForEndingMemberships(deps.ctx);
  };
  const tick = async () => {
    await queueDueWork();
    await deps.worker?.drain();
  };
  /** Runs a tick now, or right after the one in progress: used when a person is waiting for a message. */
  const kick = coalesced(tick, (error) => deps.logger.error({ err: error }, "geplande taak mislukt"));

  // While the database is away the worker keeps what it could not record; it tries again every second, so
  // that is recorded (and sending resumes) as soon as the database is back. Said once, not every second.
  let retry: NodeJS.Timeout | undefined;
  let failing = false;
  const drainOutbox = coalesced(
    async () => {
      clearTimeout(retry);
      await deps.worker?.drain();
      if (failing) deps.logger.info("bezorgen loopt weer");
      failing = false;
    },
    (error) => {
      if (!failing)
        deps.logger.error({ err: error }, "bezorgen mislukt; opnieuw zodra de database antwoordt");
      failing = true;
      retry = setTimeout(() => wakeWorker(), 1000);
      retry.unref();
    },
  );
  /**
   * Only the outbox: after an answer the person waits for their card to update, not for waves and reminders.
   * The drain starts when no wake-up came for 200 ms (at most 2 s after the first): a burst of answers is
   * acknowledged before their card updates compete with the acks for the database.
   */
  let wakeTimer: NodeJS.Timeout | undefined;
  let firstWakeAt: number | undefined;
  const wakeWorker = () => {
    const now = Date.now();
    firstWakeAt ??= now;
    clearTimeout(wakeTimer);
    wakeTimer = setTimeout(
      () => {
        firstWakeAt = undefined;
        drainOutbox();
      },
      Math.max(0, Math.min(200, firstWakeAt + 2000 - now)),
    );
  };
  let startUpRun: Promise<void> | undefined;
  // Tests on a controlled clock drive ticks themselves; a real minute tick would race them.
  const task =
    deps.everyMinute === false
      ? undefined
      : schedule("* * * * *", () => kick(), {
          name: "regiotafel-tick",
          timezone: deps.ctx.timeZone,
          noOverlap: true,
        });
  return {
    kick,
    wakeWorker,
    /**
     * At start-up: close the waves, queue the reminders and start the handovers that are due now, instead of
     * at the first minute tick. Resolves when done; a failure is logged, and the next tick tries again.
     */
    runDueWork() {
      startUpRun = queueDueWork().catch((error: unknown) =>
        deps.logger.error({ err: error }, "geplande taak mislukt"),
      );
      return startUpRun;
    },
    async stop() {
      clearTimeout(retry);
      clearTimeout(wakeTimer);
      await task?.stop();
      await startUpRun;
      await kick.idle();
      await drainOutbox.idle();
      clearTimeout(retry);
      clearTimeout(wakeTimer);
    },
  };
}

/**
 * `run` at most once at a time: a call while it runs asks for exactly one more run afterwards, so bursts of
 * calls coalesce and nothing asked for is skipped.
 */
function coalesced(run: () => Promise<unknown>, onError: (error: unknown) => void) {
  let running: Promise<void> | undefined;
  let again = false;
  const start = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = run()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          start();
        }
      });
  };
  return Object.assign(start, { idle: async () => running && (await running) });
}
