/**
 * Writes seed/demo-people-regions.yaml: the fictional contact persons of the demo regions beyond the
 * hand-written core in seed/demo-people.yaml (Sanne Dekker, Ingrid Vermeulen and friends, which tests, the
 * README and the Teams playground rely on and which this script never touches).
 *
 *   node --import tsx scripts/generate-demo-people.ts
 *
 * Deterministic (a fixed seed), so running it again gives the same file. Real 2015 municipality names, invented
 * people, insurers and care offices; every address is on the reserved .example domain.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { seededRandom } from "../src/app/demo/prng.js";
import { slugify } from "../src/domain/slug.js";

const OUTPUT = fileURLToPath(new URL("../seed/demo-people-regions.yaml", import.meta.url));

type Party = { organisation: string; domain: string; people: number; bestuurlijk?: boolean };
type RegionPlan = {
  slug: string;
  /** Municipalities that get an ambtelijk contact here (the core file may already cover some). */
  ambtelijk: string[];
  /** Municipalities that (also) get a bestuurlijk contact (an alderman). */
  bestuurlijk: string[];
  /** Extra ambtelijk contacts for a large municipality (e.g. one for Wmo, one for youth care). */
  extraAmbtelijk?: string[];
  insurers: Party[];
  careOffice?: Party;
  /** A regional secretary who chairs the table (omitted where the core file names the chair). */
  chair?: { organisation: string; domain: string };
  clientOrganisation?: { organisation: string; domain: string };
};

const MIDDEN = { organisation: "Zorgverzekeraar Midden (demo)", domain: "zvmidden" };
const SAMEN = { organisation: "Zorgverzekeraar Samen (demo)", domain: "zvsamen" };
const ZK_UTRECHT = { organisation: "Zorgkantoor Utrecht (demo)", domain: "zkutrecht" };

const PLANS: RegionPlan[] = [
  {
    slug: "utrecht-stad",
    ambtelijk: [],
    bestuurlijk: [],
    extraAmbtelijk: ["Utrecht", "Utrecht"],
    insurers: [{ ...SAMEN, people: 1 }],
  },
  {
    slug: "zuid-oost-utrecht",
    ambtelijk: ["Bunnik", "Utrechtse Heuvelrug", "Wijk bij Duurstede"],
    bestuurlijk: ["Zeist"],
    insurers: [],
  },
  {
    slug: "eemland",
    ambtelijk: ["Baarn", "Bunschoten", "Leusden", "Nijkerk", "Soest", "Woudenberg"],
    bestuurlijk: ["Soest"],
    insurers: [],
  },
  {
    slug: "lekstroom",
    ambtelijk: ["Houten", "IJsselstein", "Lopik", "Nieuwegein", "Vianen"],
    bestuurlijk: ["Nieuwegein", "Houten"],
    insurers: [{ ...SAMEN, people: 1 }],
    chair: { organisation: "Regiosecretariaat Lekstroom (demo)", domain: "lekstroom-regio" },
  },
  {
    slug: "amsterdam",
    ambtelijk: ["Amsterdam", "Diemen"],
    bestuurlijk: ["Amsterdam"],
    extraAmbtelijk: ["Amsterdam"],
    insurers: [
      {
        organisation: "Zorgverzekeraar Hoofdstad (demo)",
        domain: "zvhoofdstad",
        people: 2,
        bestuurlijk: true,
      },
      { ...SAMEN, people: 1 },
    ],
    careOffice: { organisation: "Zorgkantoor Amstelland (demo)", domain: "zkamstelland", people: 1 },
    chair: { organisation: "Regiosecretariaat Amsterdam-Amstelland (demo)", domain: "amsterdam-regio" },
    clientOrganisation: {
      organisation: "Cliëntenbelang Amsterdam (demo)",
      domain: "clientenbelang-amsterdam",
    },
  },
  {
    slug: "achterhoek",
    ambtelijk: [
      "Aalten",
      "Berkelland",
      "Bronckhorst",
      "Doetinchem",
      "Montferland",
      "Oude IJsselstreek",
      "Winterswijk",
    ],
    bestuurlijk: ["Doetinchem", "Winterswijk"],
    insurers: [
      { organisation: "Zorgverzekeraar Oost (demo)", domain: "zvoost", people: 2, bestuurlijk: true },
    ],
    careOffice: { organisation: "Zorgkantoor Oost-Gelderland (demo)", domain: "zkoostgelderland", people: 1 },
    chair: { organisation: "Regiosecretariaat Achterhoek (demo)", domain: "achterhoek-regio" },
    clientOrganisation: { organisation: "Cliëntenraad Achterhoek (demo)", domain: "clientenraad-achterhoek" },
  },
  {
    slug: "drechtsteden",
    ambtelijk: [
      "Alblasserdam",
      "Dordrecht",
      "Hendrik-Ido-Ambacht",
      "Papendrecht",
      "Sliedrecht",
      "Zwijndrecht",
    ],
    bestuurlijk: ["Dordrecht"],
    insurers: [{ organisation: "Zorgverzekeraar Zuid-Holland (demo)", domain: "zvzuidholland", people: 2 }],
    careOffice: { organisation: "Zorgkantoor Zuid-Holland Zuid (demo)", domain: "zkzhz", people: 1 },
    chair: { organisation: "Regiosecretariaat Drechtsteden (demo)", domain: "drechtsteden-regio" },
  },
  {
    slug: "zeeland",
    ambtelijk: [
      "Borsele",
      "Goes",
      "Hulst",
      "Kapelle",
      "Middelburg",
      "Reimerswaal",
      "Schouwen-Duiveland",
      "Sluis",
      "Terneuzen",
      "Veere",
      "Vlissingen",
    ],
    bestuurlijk: ["Middelburg", "Terneuzen"],
    insurers: [
      { organisation: "Zorgverzekeraar Delta (demo)", domain: "zvdelta", people: 3, bestuurlijk: true },
    ],
    careOffice: { organisation: "Zorgkantoor Zeeland (demo)", domain: "zkzeeland", people: 1 },
    chair: { organisation: "Regiosecretariaat Zeeland (demo)", domain: "zeeland-regio" },
  },
];

/** People of the core file who also sit at the Lekstroom table (same insurer and care office). */
const CORE_EXTENSIONS = [
  {
    email: "eva.dejong@zvmidden.example",
    name: "Eva de Jong",
    organisation: MIDDEN.organisation,
    organisation_type: "zorgverzekeraar",
    region: "lekstroom",
    role: "ambtelijk",
    active_from: "2024-01-01",
  },
  {
    email: "peter.visser@zkutrecht.example",
    name: "Peter Visser",
    organisation: ZK_UTRECHT.organisation,
    organisation_type: "zorgkantoor",
    region: "lekstroom",
    role: "ambtelijk",
    active_from: "2023-05-01",
  },
];

/** Names taken by the core file, so the generator never reuses them. */
const CORE_EMAILS = new Set([
  "ingrid.vermeulen@regiosecretariaat.example",
  "sanne.dekker@utrecht.example",
  "martijn.bakker@utrecht.example",
  "fatima.elamrani@zeist.example",
  "joost.vandijk@debilt.example",
  "lotte.smit@amersfoort.example",
  "ruben.mulder@amersfoort.example",
  "eva.dejong@zvmidden.example",
  "peter.visser@zkutrecht.example",
  "noor.hendriks@clientenraad.example",
]);

const FIRST_NAMES = [
  "Anouk",
  "Bas",
  "Charlotte",
  "Daan",
  "Esther",
  "Floor",
  "Gerrit",
  "Hanneke",
  "Hamza",
  "Iris",
  "Jeroen",
  "Karin",
  "Koen",
  "Laura",
  "Maarten",
  "Marloes",
  "Mohamed",
  "Nadia",
  "Niels",
  "Pieter",
  "Renske",
  "Rik",
  "Saskia",
  "Stefan",
  "Thijs",
  "Tessa",
  "Wouter",
  "Yvonne",
  "Youssef",
  "Zeynep",
  "Annemiek",
  "Bram",
  "Claudia",
  "Dennis",
  "Elif",
  "Femke",
  "Hugo",
  "Ilse",
  "Jasper",
  "Kees",
  "Linda",
  "Mark",
  "Merel",
  "Olga",
  "Priya",
  "Roos",
  "Sander",
  "Sophie",
  "Tim",
  "Vera",
  "Willemijn",
  "Arjen",
  "Babette",
  "Emre",
  "Gijs",
  "Hester",
] as const;
const SURNAMES = [
  "de Vries",
  "Jansen",
  "van den Berg",
  "Bakker",
  "Visser",
  "Smits",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Leeuwen",
  "Dekkers",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Smeets",
  "de Graaf",
  "van der Meer",
  "van der Linden",
  "Kok",
  "Jacobs",
  "de Haan",
  "Vermeer",
  "van Beek",
  "Schouten",
  "Willems",
  "van Vliet",
  "Hoekstra",
  "Maas",
  "Verhoeven",
  "Koster",
  "Prins",
  "Huisman",
  "Kuipers",
  "Postma",
  "Kaya",
  "Yilmaz",
  "Boukhari",
  "Ramdin",
  "Nguyen",
  "Wijnands",
  "Timmermans",
] as const;

const random = seededRandom(20260101);
const used = new Set(CORE_EMAILS);

function newPerson(domain: string) {
  for (;;) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(SURNAMES);
    const local = `${first}.${last.replace(/ /g, "")}`.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    const email = `${local}@${domain}.example`;
    if (used.has(email)) continue;
    used.add(email);
    return { email, name: `${first} ${last}` };
  }
}

/** A start date well before the earliest demo wave, so the closed waves have full tables. */
function startDate(): string {
  const year = random.int(2018, 2022);
  const month = random.int(1, 12);
  return `${year}-${String(month).padStart(2, "0")}-01`;
}

const domainOf = (municipality: string) => slugify(municipality).replace(/-/g, "");
const rows: Record<string, string>[] = [...CORE_EXTENSIONS];
// An insurer's contact sits at every table of that insurer: the same person for the same organisation.
const partyPeople = new Map<string, { email: string; name: string; active_from: string }[]>();

for (const plan of PLANS) {
  const row = (person: { email: string; name: string }, fields: Record<string, string>) => {
    const { organisation = "", organisation_type = "", ...rest } = fields;
    rows.push({
      email: person.email,
      name: person.name,
      organisation,
      organisation_type,
      region: plan.slug,
      ...rest,
    });
  };
  const gemeente = (municipality: string, role: "ambtelijk" | "bestuurlijk") =>
    row(newPerson(domainOf(municipality)), {
      organisation: `Gemeente ${municipality}`,
      organisation_type: "gemeente",
      role,
      active_from: startDate(),
    });
  for (const m of plan.ambtelijk) gemeente(m, "ambtelijk");
  for (const m of plan.extraAmbtelijk ?? []) gemeente(m, "ambtelijk");
  for (const m of plan.bestuurlijk) gemeente(m, "bestuurlijk");
  const parties = [
    ...plan.insurers.map((p) => ({ ...p, type: "zorgverzekeraar" })),
    ...(plan.careOffice ? [{ ...plan.careOffice, type: "zorgkantoor" }] : []),
  ];
  for (const party of parties) {
    const known = partyPeople.get(party.organisation) ?? [];
    for (let i = 0; i < party.people; i++) {
      const person = known[i] ?? { ...newPerson(party.domain), active_from: startDate() };
      known[i] = person;
      row(person, {
        organisation: party.organisation,
        organisation_type: party.type,
        role: party.bestuurlijk && i === party.people - 1 ? "bestuurlijk" : "ambtelijk",
        active_from: person.active_from,
      });
    }
    partyPeople.set(party.organisation, known);
  }
  if (plan.chair) {
    row(newPerson(plan.chair.domain), {
      organisation: plan.chair.organisation,
      organisation_type: "overig",
      role: "ambtelijk",
      chair: "ja",
      active_from: startDate(),
    });
  }
  if (plan.clientOrganisation) {
    row(newPerson(plan.clientOrganisation.domain), {
      organisation: plan.clientOrganisation.organisation,
      organisation_type: "cliëntenorganisatie",
      role: "ambtelijk",
      active_from: startDate(),
    });
  }
}

const header = `# Generated by scripts/generate-demo-people.ts (deterministic; edit the script, not this file).
# Fictional contact persons of the demo regions beyond the hand-written core in seed/demo-people.yaml:
# per region an ambtelijk contact for most municipalities, some aldermen (bestuurlijk), the region's insurer(s)
# and care office (invented names) and a regional secretary who chairs the table. One row per membership, as
# \`import people\` reads it. Addresses use the reserved .example domain.
`;
await writeFile(OUTPUT, `${header}\n${stringify(rows, { lineWidth: 0 })}`);
console.log(`${rows.length} rows, ${new Set(rows.map((r) => r.email)).size} people -> ${OUTPUT}`);
