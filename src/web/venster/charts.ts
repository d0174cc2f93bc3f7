import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { OrganisationTypeTable, RegionRow, TrendPoint } from "../../domain/venster/page-model.js";
import { VENSTER_PARTS, type VensterPart } from "../../domain/venster/parts.js";
import type { Locale } from "../../domain/vocabulary.js";
import { type Html, raw } from "../html.js";
import { PART_LABELS, TYPE_LABELS } from "./texts.js";

/*
 * Server-rendered SVG charts with Observable Plot on a linkedom document: no browser, no client JavaScript.
 * Each part keeps one colour (Okabe–Ito, safe for colour-blind readers) and one marker shape, so parts are
 * told apart without colour too; every chart has a table with its figures next to it on the page. With
 * `percent: true` Plot multiplies the values by 100, so share domains are [0, 100].
 */

export const PART_COLOURS: Record<VensterPart, string> = {
  agenda: "#0072B2",
  proces: "#D55E00",
  resultaat: "#009E73",
};
const PART_SYMBOLS: Record<VensterPart, string> = {
  agenda: "circle",
  proces: "square",
  resultaat: "triangle",
};

function render(options: Plot.PlotOptions, name: string): Html {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const svg = Plot.plot({ ...options, document, ariaLabel: name }) as unknown as {
    setAttribute(name: string, value: string): void;
    outerHTML: string;
  };
  svg.setAttribute("role", "img");
  return raw(svg.outerHTML);
}

const partScales = (locale: Locale) => {
  const domain = VENSTER_PARTS.map((part) => PART_LABELS[part][locale]);
  return {
    color: { domain, range: VENSTER_PARTS.map((part) => PART_COLOURS[part]) },
    symbol: { domain, range: VENSTER_PARTS.map((part) => PART_SYMBOLS[part]) },
  };
};

/** Per part a panel: every region's share of yes as a dot, the national share as a vertical line. */
export function overviewChart(
  regions: readonly RegionRow[],
  national: Record<VensterPart, number | undefined>,
  locale: Locale,
  name: string,
): Html {
  const dots = regions.flatMap((region) =>
    VENSTER_PARTS.flatMap((part) => {
      const share = region.parts[part].share;
      return share === undefined ? [] : [{ region: region.name, part: PART_LABELS[part][locale], share }];
    }),
  );
  const lines = VENSTER_PARTS.flatMap((part) => {
    const share = national[part];
    return share === undefined ? [] : [{ part: PART_LABELS[part][locale], share }];
  });
  return render(
    {
      width: 900,
      height: Math.max(160, 60 + regions.length * 18),
      marginLeft: 180,
      style: { fontSize: "12px" },
      ...partScales(locale),
      x: { domain: [0, 100], percent: true, label: locale === "nl" ? "% ja" : "% yes", grid: true },
      y: { label: null, domain: regions.map((region) => region.name) },
      fx: { label: null, domain: VENSTER_PARTS.map((part) => PART_LABELS[part][locale]) },
      marks: [
        Plot.ruleX(lines, { fx: "part", x: "share", stroke: "#333", strokeDasharray: "4,3" }),
        Plot.dot(dots, { fx: "part", x: "share", y: "region", fill: "part", symbol: "part", r: 4 }),
      ],
    },
    name,
  );
}

/** The region's share of yes per part across the waves, with the national share dashed behind it. */
export function trendChart(points: readonly TrendPoint[], locale: Locale, name: string): Html {
  const waves = [...new Set(points.map((point) => point.waveName))];
  const regionPoints = points.flatMap((point) =>
    point.share === undefined ? [] : [{ ...point, partLabel: PART_LABELS[point.part][locale] }],
  );
  const nationalPoints = points.flatMap((point) =>
    point.nationalShare === undefined
      ? []
      : [{ ...point, share: point.nationalShare, partLabel: PART_LABELS[point.part][locale] }],
  );
  return render(
    {
      width: 640,
      height: 320,
      marginRight: 20,
      style: { fontSize: "12px" },
      ...partScales(locale),
      x: { type: "point", domain: waves, label: null, inset: 30 },
      y: { domain: [0, 100], percent: true, label: locale === "nl" ? "% ja" : "% yes", grid: true },
      marks: [
        Plot.line(nationalPoints, {
          x: "waveName",
          y: "share",
          stroke: "partLabel",
          // One line per part, however few rounds there are (Plot warns when it has to guess).
          z: "partLabel",
          strokeOpacity: 0.5,
          strokeDasharray: "4,3",
        }),
        Plot.line(regionPoints, {
          x: "waveName",
          y: "share",
          stroke: "partLabel",
          z: "partLabel",
          strokeWidth: 2,
        }),
        Plot.dot(regionPoints, { x: "waveName", y: "share", fill: "partLabel", symbol: "partLabel", r: 5 }),
      ],
    },
    name,
  );
}

/** Per organisation type a group of bars, one per part that is not withheld. */
export function organisationTypeChart(table: OrganisationTypeTable, locale: Locale, name: string): Html {
  const bars = table.types.flatMap((row) =>
    VENSTER_PARTS.flatMap((part) => {
      const cell = row.parts[part];
      return cell === undefined || cell === "suppressed"
        ? []
        : [
            {
              type: TYPE_LABELS[row.organisationType][locale],
              part: PART_LABELS[part][locale],
              share: cell.share,
            },
          ];
    }),
  );
  const types = [...new Set(bars.map((bar) => bar.type))];
  return render(
    {
      width: 640,
      height: Math.max(120, 40 + types.length * 70),
      marginLeft: 90,
      marginRight: 140,
      style: { fontSize: "12px" },
      ...partScales(locale),
      x: { domain: [0, 100], percent: true, label: locale === "nl" ? "% ja" : "% yes", grid: true },
      y: { label: null, domain: VENSTER_PARTS.map((part) => PART_LABELS[part][locale]) },
      fy: { label: null, domain: types },
      marks: [Plot.barX(bars, { x: "share", y: "part", fy: "type", fill: "part" }), Plot.ruleX([0])],
    },
    name,
  );
}
