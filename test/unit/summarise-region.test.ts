import { describe, expect, it } from "vitest";
import { type Answers, SurveyDefinitionSchema } from "../../src/domain/survey/definition.js";
import {
  formatShare,
  type RespondentRecord,
  summariseRegion,
  textBar,
} from "../../src/domain/survey/summarise-region.js";
import type { OrganisationType } from "../../src/domain/vocabulary.js";

const text = (nl: string, en = nl) => ({ nl, en });

const definition = SurveyDefinitionSchema.parse({
  key: "venster-test",
  version: 1,
  title: text("Venster"),
  sections: [
    {
      id: "agenda",
      title: text("Agenda"),
      questions: [
        { id: "tevreden", kind: "yes_no", label: text("Tevreden?"), required: true },
        { id: "toelichting", kind: "text", label: text("Toelichting") },
        { id: "steun_nodig", kind: "yes_no", label: text("Steun nodig?") },
        {
          id: "steun_welke",
          kind: "text",
          label: text("Welke steun?"),
          listInSummary: true,
          showIf: { questionId: "steun_nodig", equals: true },
        },
      ],
    },
    {
      id: "ervaring",
      title: text("Ervaring"),
      questions: [
        { id: "urgentie", kind: "scale", label: text("Urgentie"), min: 1, max: 5 },
        {
          id: "factoren",
          kind: "multi_choice",
          label: text("Factoren"),
          maxSelections: 3,
          options: [
            { id: "vertrouwen", label: text("Vertrouwen") },
            { id: "tijd", label: text("Tijd") },
            { id: "mandaat", label: text("Mandaat") },
          ],
        },
      ],
    },
  ],
});

const record = (organisationType: OrganisationType, answers?: Answers): RespondentRecord => ({
  organisationType,
  answers,
});
const yes = (organisationType: OrganisationType, extra: Answers = {}) =>
  record(organisationType, { tevreden: true, ...extra });
const no = (organisationType: OrganisationType, extra: Answers = {}) =>
  record(organisationType, { tevreden: false, ...extra });

const summarise = (records: RespondentRecord[], anonymityThreshold = 3) =>
  summariseRegion(definition, records, { anonymityThreshold });
const tevreden = (records: RespondentRecord[], anonymityThreshold = 3) => {
  const entry = summarise(records, anonymityThreshold).yesNo.find((q) => q.questionId === "tevreden");
  if (!entry) throw new Error("no summary for tevreden");
  return entry;
};

describe("summariseRegion: response", () => {
  it("counts unanswered invitations as invited but not as answers", () => {
    const summary = summarise([
      yes("gemeente"),
      record("gemeente"),
      record("gemeente"),
      no("zorgkantoor"),
      record("zorgverzekeraar"),
    ]);
    expect(summary.invited).toBe(5);
    expect(summary.answered).toBe(2);
    expect(summary.responseRate).toBeCloseTo(0.4);
    // Only types with invitations, in ORGANISATION_TYPES order (not input order).
    expect(summary.byOrganisationType).toEqual([
      { organisationType: "gemeente", invited: 3, answered: 1, responseRate: 1 / 3 },
      { organisationType: "zorgverzekeraar", invited: 1, answered: 0, responseRate: 0 },
      { organisationType: "zorgkantoor", invited: 1, answered: 1, responseRate: 1 },
    ]);
    const entry = summary.yesNo.find((q) => q.questionId === "tevreden");
    expect(entry).toMatchObject({ yes: 1, no: 1, share: 0.5 });
  });

  it("handles zero invitations", () => {
    const summary = summarise([]);
    expect(summary).toMatchObject({ invited: 0, answered: 0, responseRate: 0, byOrganisationType: [] });
    expect(summary.yesNo).toEqual([
      {
        questionId: "tevreden",
        sectionId: "agenda",
        yes: 0,
        no: 0,
        share: undefined,
        byOrganisationType: [],
      },
      {
        questionId: "steun_nodig",
        sectionId: "agenda",
        yes: 0,
        no: 0,
        share: undefined,
        byOrganisationType: [],
      },
    ]);
    expect(summary.scales).toEqual([
      {
        questionId: "urgentie",
        sectionId: "ervaring",
        count: 0,
        mean: undefined,
        distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      },
    ]);
    expect(summary.choices).toEqual([
      { questionId: "factoren", sectionId: "ervaring", counts: { vertrouwen: 0, tijd: 0, mandaat: 0 } },
    ]);
    expect(summary.supportNeeds).toEqual([
      {
        questionId: "steun_welke",
        sectionId: "agenda",
        count: 0,
        themes: { preventie: 0, ggz: 0, ouderen: 0, wijk: 0, jeugd: 0, anders: 0 },
      },
    ]);
  });

  it("handles invitations nobody answered", () => {
    const summary = summarise([record("gemeente"), record("zorgkantoor")]);
    expect(summary).toMatchObject({ invited: 2, answered: 0, responseRate: 0 });
    expect(summary.yesNo[0]).toMatchObject({ yes: 0, no: 0, share: undefined });
  });
});

describe("summariseRegion: yes/no shares and the anonymity threshold", () => {
  it("gives the share of yes among those who answered the question, not among all respondents", () => {
    const entry = summarise([
      yes("gemeente", { steun_nodig: true }),
      yes("gemeente", { steun_nodig: false }),
      no("gemeente", { steun_nodig: false }),
      record("gemeente", {}), // answered the survey, skipped the question
    ]).yesNo.find((q) => q.questionId === "steun_nodig");
    expect(entry).toMatchObject({ yes: 1, no: 2, share: 1 / 3 });
  });

  it("shows the breakdown when every type has exactly the threshold", () => {
    const entry = tevreden([
      yes("zorgkantoor"),
      no("zorgkantoor"),
      no("zorgkantoor"),
      yes("gemeente"),
      yes("gemeente"),
      no("gemeente"),
    ]);
    expect(entry.share).toBe(0.5);
    expect(entry.byOrganisationType).toEqual([
      { organisationType: "gemeente", yes: 2, no: 1, share: 2 / 3 },
      { organisationType: "zorgkantoor", yes: 1, no: 2, share: 1 / 3 },
    ]);
  });

  it("suppresses the whole breakdown when one type has threshold - 1", () => {
    const entry = tevreden([
      yes("gemeente"),
      yes("gemeente"),
      no("gemeente"),
      yes("zorgkantoor"),
      no("zorgkantoor"),
    ]);
    expect(entry.byOrganisationType).toBe("suppressed");
    // The totals stay.
    expect(entry).toMatchObject({ yes: 3, no: 2, share: 0.6 });
  });

  it("suppresses when a single type is below the threshold even if the others are far above", () => {
    const many = Array.from({ length: 20 }, (_, i) => (i % 2 ? yes("gemeente") : no("gemeente")));
    expect(tevreden([...many, yes("zorgverzekeraar")]).byOrganisationType).toBe("suppressed");
    expect(tevreden(many).byOrganisationType).toEqual([
      { organisationType: "gemeente", yes: 10, no: 10, share: 0.5 },
    ]);
  });

  it("counts respondents to the question, not invitations or survey respondents, against the threshold", () => {
    const records = [
      yes("gemeente"),
      yes("gemeente"),
      yes("gemeente"),
      record("zorgkantoor"),
      record("zorgkantoor"),
      record("zorgkantoor", {}),
      no("zorgkantoor"),
    ];
    expect(tevreden(records).byOrganisationType).toBe("suppressed");
    // A type without a single respondent to the question is not listed and reveals nothing.
    expect(tevreden(records.slice(0, 6)).byOrganisationType).toEqual([
      { organisationType: "gemeente", yes: 3, no: 0, share: 1 },
    ]);
  });

  it("with threshold 1 never suppresses", () => {
    expect(tevreden([yes("gemeente"), no("zorgkantoor")], 1).byOrganisationType).toEqual([
      { organisationType: "gemeente", yes: 1, no: 0, share: 1 },
      { organisationType: "zorgkantoor", yes: 0, no: 1, share: 0 },
    ]);
  });

  it("refuses a threshold below 1", () => {
    expect(() => summarise([], 0)).toThrow(RangeError);
    expect(() => summarise([], 1.5)).toThrow(RangeError);
  });
});

describe("summariseRegion: scales, choices and support needs", () => {
  it("counts the scale distribution and mean, ignoring values off the scale", () => {
    const summary = summarise([
      record("gemeente", { urgentie: 4 }),
      record("gemeente", { urgentie: 5 }),
      record("zorgkantoor", { urgentie: 4 }),
      record("zorgkantoor", { urgentie: 9 }),
      record("zorgkantoor", { urgentie: "4" }),
      record("zorgkantoor"),
    ]);
    expect(summary.scales).toEqual([
      {
        questionId: "urgentie",
        sectionId: "ervaring",
        count: 3,
        mean: 13 / 3,
        distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 },
      },
    ]);
  });

  it("counts multi choice options, each at most once per respondent, ignoring unknown ids", () => {
    const summary = summarise([
      record("gemeente", { factoren: ["tijd", "vertrouwen"] }),
      record("gemeente", { factoren: ["tijd", "tijd", "onbekend"] }),
      record("zorgverzekeraar", { factoren: ["mandaat"] }),
    ]);
    expect(summary.choices).toEqual([
      { questionId: "factoren", sectionId: "ervaring", counts: { vertrouwen: 1, tijd: 2, mandaat: 1 } },
    ]);
  });

  it("counts support needs per theme and never carries the texts themselves", () => {
    const texts = [
      "Procesbegeleiding bij jeugd-ggz",
      "  data over wachtlijsten ",
      "Advies over valpreventie",
    ];
    const summary = summarise([
      record("zorgkantoor", { steun_nodig: true, steun_welke: texts[0] as string }),
      record("gemeente", { steun_nodig: true, steun_welke: texts[1] as string }),
      record("gemeente", { steun_nodig: true, steun_welke: texts[2] as string }),
      record("gemeente", { steun_nodig: true, steun_welke: "   " }),
    ]);
    expect(summary.supportNeeds).toEqual([
      {
        questionId: "steun_welke",
        sectionId: "agenda",
        // The blank answer is no need; one text touches two themes.
        count: 3,
        themes: { preventie: 1, ggz: 1, ouderen: 0, wijk: 0, jeugd: 1, anders: 1 },
      },
    ]);
    const serialised = JSON.stringify(summary);
    for (const text of texts) expect(serialised).not.toContain(text.trim());
    expect(serialised).not.toMatch(/wachtlijsten|Procesbegeleiding|valpreventie/);
  });

  it("never lets free text of any question, hidden or shown, leak", () => {
    const secret = "Wethouder Jansen blokkeert alles";
    const hidden = "Oude toelichting die verborgen is";
    const need = "Coaching door de GGD";
    const summary = summarise([
      record("gemeente", {
        tevreden: false,
        toelichting: secret,
        steun_nodig: true,
        steun_welke: need,
      }),
      // steun_nodig is no, so steun_welke was hidden: its stale value must not be counted.
      record("zorgkantoor", { tevreden: true, steun_nodig: false, steun_welke: hidden }),
      // steun_nodig not answered at all: also hidden.
      record("zorgkantoor", { tevreden: true, steun_welke: hidden }),
    ]);
    const serialised = JSON.stringify(summary);
    for (const text of [secret, "Jansen", hidden, need, "toelichting"])
      expect(serialised).not.toContain(text);
    expect(summary.supportNeeds).toMatchObject([{ questionId: "steun_welke", count: 1 }]);
  });
});

describe("textBar", () => {
  it.each([
    [0.7, "▓▓▓▓▓▓▓░░░"],
    [0, "░░░░░░░░░░"],
    [1, "▓▓▓▓▓▓▓▓▓▓"],
    [0.04, "░░░░░░░░░░"],
    [0.05, "▓░░░░░░░░░"],
    [0.66, "▓▓▓▓▓▓▓░░░"],
    [1 / 3, "▓▓▓░░░░░░░"],
    [1.4, "▓▓▓▓▓▓▓▓▓▓"],
    [-0.2, "░░░░░░░░░░"],
    [Number.NaN, "░░░░░░░░░░"],
  ])("draws %s as %s", (share, bar) => {
    expect(textBar(share)).toBe(bar);
  });

  it("takes a width", () => {
    expect(textBar(0.5, 4)).toBe("▓▓░░");
    expect(textBar(0.125, 4)).toBe("▓░░░");
    expect(textBar(0.5, 0)).toBe("");
    expect(() => textBar(0.5, -1)).toThrow(RangeError);
    expect(() => textBar(0.5, 2.5)).toThrow(RangeError);
  });
});

describe("formatShare", () => {
  it.each([
    [0.7, "70%"],
    [0, "0%"],
    [1, "100%"],
    [2 / 3, "67%"],
    [0.285, "29%"],
    [0.004, "0%"],
    [0.005, "1%"],
    [1.2, "100%"],
  ])("formats %s as %s", (share, formatted) => {
    expect(formatShare(share, "nl")).toBe(formatted);
    expect(formatShare(share, "en")).toBe(formatted);
  });

  it("shows a dash when there is no share", () => {
    expect(formatShare(undefined, "nl")).toBe("—");
    expect(formatShare(undefined, "en")).toBe("—");
    expect(formatShare(Number.NaN, "nl")).toBe("—");
  });
});
