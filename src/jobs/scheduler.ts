import { schedule } from "node-cron";
import type { AppContext } from "../app/context.js";
import { closeDueWaves } from "../app/waves/close-wave.js";
import { queueDueReminders } from "../app/waves/queue-due-reminders.js";
import type { Logger } from "../logger.js";

type Worker = { drain(settleMs?: number): Promise<unknown> };

/**
 * Ticks every minute in every replica. The tick only claims work that is due in PostgreSQL (closing waves,
 * reminder moments, outbox rows), so however many replicas tick, each thing happens once; and a missed tick
 * loses nothing, because due work stays due until claimed.
 */
export function startScheduler(deps: {
  ctx: AppContext;
  worker: Worker | undefined;
  logger: Logger;
  everyMinute?: boolean;
}) {
  let running: Promise<void> | undefined;
  let again = false;

  const tick = async () => {
    await closeDueWaves(deps.ctx);
    await queueDueReminders(deps.ctx);
    await deps.worker?.drain();
  };
  /** Runs a tick now, or right after the one in progress: used when a person is waiting for a message. */
  const kick = () => {
    if (running) {
      again = true;
      return;
    }
    running = tick()
      .catch((error: unknown) => deps.logger.error({ err: error }, "geplande taak mislukt"))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  };
  let draining: Promise<unknown> | undefined;
  let drainAgain = false;
  /**
   * Only the outbox: after an answer the person waits for their card to update, not for waves and reminders.
   * A short delay lets a burst of answers be acknowledged before their card updates compete with the acks.
   */
  const wakeWorker = () => {
    const worker = deps.worker;
    if (!worker) return;
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = new Promise((resolve) => setTimeout(resolve, 200))
      .then(() => worker.drain())
      .catch((error: unknown) => deps.logger.error({ err: error }, "bezorgen mislukt"))
      .finally(() => {
        draining = undefined;
        if (drainAgain) {
          drainAgain = false;
          wakeWorker();
        }
      });
  };
  const task = schedule("* * * * *", kick, {
    name: "regiotafel-tick",
    timezone: deps.ctx.timeZone,
    noOverlap: true,
  });
  return {
    kick,
    wakeWorker,
    async stop() {
      await task?.stop();
      await running;
      await draining;
    },
  };
}
