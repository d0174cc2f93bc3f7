import type { CommandName } from "../../domain/commands/command.js";
import { commandSpec } from "../../domain/commands/registry.js";
import type { AppContext } from "../context.js";
import { type RegionAccess, requireChair, requireSeat } from "../table/region-access.js";

/**
 * The registry's `who` for a command about a region's table, checked against the person's seat there: chairs
 * change the table's business, contact persons read it and ask for support. Each refusal names the chairs.
 */
export async function requirePermission(ctx: AppContext, access: RegionAccess, name: CommandName) {
  const { who } = commandSpec(name);
  if (who === "chair") await requireChair(ctx, access);
  else if (who === "contact") await requireSeat(ctx, access);
  else throw new TypeError(`${name} is not a command about a region's table (who: ${who})`);
}
