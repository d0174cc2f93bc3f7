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
export function startScheduler(deps: { ctx: AppContext; worker: Worker | undefined; logger: Logger }) {
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
  const task = schedule("* * * * *", kick, {
    name: "regiotafel-tick",
    timezone: deps.ctx.timeZone,
    noOverlap: true,
  });
  return {
    kick,
    async stop() {
      await task.stop();
      await running;
    },
  };
}
