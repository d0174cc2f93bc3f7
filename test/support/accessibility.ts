import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** The success criteria we promise: WCAG 2.1, levels A and AA. */
export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core's violations on the page as it is now, one line per rule with its impact and the elements, so a
 * failing `expect(...).toEqual([])` says what is wrong and where without opening a report.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(" "))
        .join(", ")}`,
  );
}

export type PageWidth = { scrollWidth: number; viewportWidth: number };

/*
 * The functions below run in the page. They are strings because this project compiles without the DOM's
 * types (it is a server); playwright evaluates an expression string as is.
 */

/** How wide the page is against the window: wider means the page scrolls sideways (WCAG 1.4.10). */
export function pageWidth(page: Page): Promise<PageWidth> {
  return page.evaluate<PageWidth>(`({
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    viewportWidth: document.documentElement.clientWidth,
  })`);
}

/**
 * The smallest text of the visible charts in CSS pixels as drawn: the font size times the scale at which the
 * browser draws the SVG (its width on screen over its viewBox width). Undefined when no chart is visible.
 */
export function smallestChartText(page: Page): Promise<number | undefined> {
  return page.evaluate<number | undefined>(`(() => {
    let smallest;
    for (const svg of document.querySelectorAll("figure svg")) {
      const box = svg.getBoundingClientRect();
      const viewBox = svg.viewBox.baseVal;
      if (box.width === 0 || !viewBox || viewBox.width === 0) continue;
      const scale = box.width / viewBox.width;
      for (const text of svg.querySelectorAll("text")) {
        const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
        if (smallest === undefined || size < smallest) smallest = size;
      }
    }
    return smallest;
  })()`);
}

/** Where each table's scroll container lies across the window, in CSS pixels. */
export function tableBoxes(page: Page): Promise<{ id: string; left: number; right: number }[]> {
  return page.evaluate(`[...document.querySelectorAll("main table")].map((table) => {
    const box = table.parentElement.getBoundingClientRect();
    return { id: table.id, left: Math.round(box.left), right: Math.round(box.right) };
  })`);
}
