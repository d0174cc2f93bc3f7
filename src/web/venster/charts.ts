import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { OrganisationTypeTable, RegionRow, TrendPoint } from "../../domain/venster/page-model.js";
import { VENSTER_PARTS, type VensterPart } from "../../domain/venster/parts.js";
import type { Locale } from "../../domain/vocabulary.js";
import { type Html, html, raw } from "../html.js";
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

/** The narrow variant of every chart: drawn at this width it fits a 390 px phone (358 px inside the margins)
 * unscaled, and at 320 px (WCAG 1.4.10's reflow width) its 12 px text is still drawn at 11 px. */
export const NARROW_WIDTH = 320;
/** What the page needs beside a chart: main's padding (2 × 1rem) and room for a desktop scroll bar. */
const PAGE_GUTTER = 52;
const WIDE = { overview: 900, trend: 640, types: 640 } as const;

/*
 * Plot draws at a fixed width and lets the browser scale the SVG down to fit (max-width: 100%), which took a
 * 900 px chart's 12 px text to 4 px on a phone. Each chart is therefore drawn twice, wide and narrow (laid out
 * for a small screen, not merely smaller), and CSS shows the wide one only where it fits unscaled. The hidden
 * one is display: none, so assistive technology meets one chart.
 */
export const CHART_CSS = [
  ".chart > .narrow { display: none; }",
  ...[...new Set(Object.values(WIDE))].map(
    (width) =>
      `@media (max-width: ${width + PAGE_GUTTER - 1}px) { .chart-w${width} > .wide { display: none; } .chart-w${width} > .narrow { display: block; } }`,
  ),
].join("\n");

function render(options: Plot.PlotOptions, name: string): Html {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const svg = Plot.plot({ ...options, document, ariaLabel: name }) as unknown as SvgElement;
  svg.setAttribute("role", "img");
  // Plot names its mark groups (<g aria-label="dot">), which ARIA prohibits on an element without a role
  // (axe: aria-prohibited-attr); inside role="img" they would say nothing anyway. The SVG keeps its name.
  for (const element of svg.querySelectorAll("[aria-label]")) element.removeAttribute("aria-label");
  return raw(svg.outerHTML);
}

type SvgElement = {
  setAttribute(name: string, value: string): void;
  querySelectorAll(selector: string): Iterable<{ removeAttribute(name: string): void }>;
  outerHTML: string;
};

function responsive(wideWidth: number, name: string, wide: Plot.PlotOptions, narrow: Plot.PlotOptions): Html {
  return html`<div class="chart chart-w${wideWidth}"><div class="wide">${render(
    { ...wide, width: wideWidth },
    name,
  )}</div><div class="narrow">${render({ ...narrow, width: NARROW_WIDTH }, name)}</div></div>`;
}

const partScales = (locale: Locale) => {
  const domain = VENSTER_PARTS.map((part) => PART_LABELS[part][locale]);
  return {
    color: { domain, range: VENSTER_PARTS.map((part) => PART_COLOURS[part]) },
    symbol: { domain, range: VENSTER_PARTS.map((part) => PART_SYMBOLS[part]) },
  };
};

const shareAxis = (locale: Locale) =>
  ({
    domain: [0, 100],
    percent: true,
    label: locale === "nl" ? "% ja" : "% yes",
    grid: true,
  }) as const;

/**
 * Wide: per part a panel with every region's share of yes as a dot and the national share as a dashed line.
 * Narrow: one panel, a row per region with the three parts' marks just apart (shape and colour tell them
 * apart) and the national shares as dashed lines in the parts' colours; long region names are shortened
 * with an ellipsis (the table below has them in full).
 */
export function overviewChart(
  regions: readonly RegionRow[],
  national: Record<VensterPart, number | undefined>,
  locale: Locale,
  name: string,
): Html {
  const dots = regions.flatMap((region) =>
    VENSTER_PARTS.flatMap((part) => {
      const share = region.parts[part].share;
      return share === undefined
        ? []
        : [{ region: region.name, key: part, part: PART_LABELS[part][locale], share }];
    }),
  );
  const lines = VENSTER_PARTS.flatMap((part) => {
    const share = national[part];
    return share === undefined ? [] : [{ part: PART_LABELS[part][locale], share }];
  });
  const regionNames = regions.map((region) => region.name);
  return responsive(
    WIDE.overview,
    name,
    {
      height: Math.max(160, 60 + regions.length * 18),
      marginLeft: 180,
      style: { fontSize: "12px" },
      ...partScales(locale),
      x: shareAxis(locale),
      y: { label: null, domain: regionNames },
      fx: { label: null, domain: VENSTER_PARTS.map((part) => PART_LABELS[part][locale]) },
      marks: [
        Plot.ruleX(lines, { fx: "part", x: "share", stroke: "#333", strokeDasharray: "4,3" }),
        Plot.dot(dots, { fx: "part", x: "share", y: "region", fill: "part", symbol: "part", r: 4 }),
      ],
    },
    {
      height: Math.max(140, 60 + regions.length * 24),
      marginLeft: 118,
      marginRight: 14,
      style: { fontSize: "12px" },
      ...partScales(locale),
      x: { ...shareAxis(locale), ticks: 5 },
      y: { label: null, domain: regionNames, axis: null },
      marks: [
        Plot.axisY({ label: null, lineWidth: 9, textOverflow: "ellipsis", tickSize: 0 }),
        Plot.ruleX(lines, { x: "share", stroke: "part", strokeDasharray: "4,3", strokeWidth: 1.5 }),
        ...VENSTER_PARTS.map((part, i) =>
          Plot.dot(
            dots.filter((dot) => dot.key === part),
            { x: "share", y: "region", dy: (i - 1) * 6, fill: "part", symbol: "part", r: 3.5 },
          ),
        ),
      ],
    },
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
  const marks = (dotRadius: number) => [
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
    Plot.dot(regionPoints, {
      x: "waveName",
      y: "share",
      fill: "partLabel",
      symbol: "partLabel",
      r: dotRadius,
    }),
  ];
  // On a phone round names side by side overlap once they are longer than the room between two rounds (a
  // character of 12 px text is about 7 px wide; a point scale gives each of n rounds 1/n of its range): then
  // they are set at a slant.
  const room = (NARROW_WIDTH - 40 - 16 - 2 * 36) / Math.max(1, waves.length);
  const slanted = waves.length > 1 && Math.max(...waves.map((wave) => wave.length)) * 7 > room - 8;
  return responsive(
    WIDE.trend,
    name,
    {
      height: 320,
      marginRight: 20,
      style: { fontSize: "12px" },
      ...partScales(locale),
      x: { type: "point", domain: waves, label: null, inset: 30 },
      y: shareAxis(locale),
      marks: marks(5),
    },
    {
      height: slanted ? 290 : 250,
      marginRight: 16,
      marginBottom: slanted ? 70 : 30,
      style: { fontSize: "12px" },
      ...partScales(locale),
      x: { type: "point", domain: waves, label: null, inset: 36, tickRotate: slanted ? -40 : 0 },
      y: shareAxis(locale),
      marks: marks(4),
    },
  );
}

/**
 * Per organisation type a group of bars, one per part that is not withheld. Wide: the type beside its group;
 * narrow: above it, so the bars keep the width.
 */
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
  const common = {
    style: { fontSize: "12px" },
    ...partScales(locale),
    x: shareAxis(locale),
    y: { label: null, domain: VENSTER_PARTS.map((part) => PART_LABELS[part][locale]) },
  };
  const barMarks = [Plot.barX(bars, { x: "share", y: "part", fy: "type", fill: "part" }), Plot.ruleX([0])];
  return responsive(
    WIDE.types,
    name,
    {
      ...common,
      height: Math.max(120, 40 + types.length * 70),
      marginLeft: 90,
      marginRight: 140,
      fy: { label: null, domain: types },
      marks: barMarks,
    },
    {
      ...common,
      height: Math.max(140, 50 + types.length * 90),
      marginLeft: 72,
      marginRight: 14,
      marginTop: 26,
      fy: { label: null, domain: types, axis: null, padding: 0.35 },
      marks: [
        ...barMarks,
        Plot.text(types, {
          fy: (type: string) => type,
          text: (type: string) => type,
          frameAnchor: "top-left",
          textAnchor: "start",
          dx: -72,
          dy: -14,
          fontWeight: "bold",
        }),
      ],
    },
  );
}
