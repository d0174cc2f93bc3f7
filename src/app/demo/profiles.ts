/**
 * What the demo regions are like: their share of satisfied answers per part over three years, how many answer,
 * and the short Dutch texts people write. Invented, but shaped by the seeds: most regions moderately
 * satisfied and slowly improving, one table stuck on its process (a negative outlier), one proud of its
 * results (a positive outlier), and support needs on the recurring themes.
 */

export const VENSTER_PARTS = ["agenda", "proces", "resultaat"] as const;
export type VensterPart = (typeof VENSTER_PARTS)[number];

/** Share of "ja" per part for the waves two years ago, last year and this year. */
type Shares = Record<VensterPart, readonly [number, number, number]>;

export type RegionProfile = {
  slug: string;
  shares: Shares;
  /** Share of invitations answered in the closed waves and (so far) in the open wave. */
  answerRate: { closed: number; open: number };
  /** Where the table meets. */
  location: string;
};

export const DEMO_REGIONS: readonly RegionProfile[] = [
  {
    slug: "utrecht-stad",
    shares: { agenda: [0.7, 0.72, 0.75], proces: [0.66, 0.62, 0.68], resultaat: [0.6, 0.64, 0.66] },
    answerRate: { closed: 0.9, open: 0.8 },
    location: "Stadskantoor Utrecht",
  },
  {
    slug: "zuid-oost-utrecht",
    shares: { agenda: [0.72, 0.7, 0.74], proces: [0.66, 0.7, 0.71], resultaat: [0.58, 0.62, 0.6] },
    answerRate: { closed: 0.9, open: 0.6 },
    location: "Gemeentehuis Zeist",
  },
  {
    slug: "eemland",
    shares: { agenda: [0.75, 0.78, 0.76], proces: [0.7, 0.72, 0.75], resultaat: [0.62, 0.66, 0.7] },
    answerRate: { closed: 0.85, open: 0.6 },
    location: "Stadhuis Amersfoort",
  },
  {
    slug: "lekstroom",
    shares: { agenda: [0.64, 0.68, 0.7], proces: [0.6, 0.63, 0.66], resultaat: [0.55, 0.58, 0.62] },
    answerRate: { closed: 0.85, open: 0.5 },
    location: "Stadshuis Nieuwegein",
  },
  {
    slug: "amsterdam",
    shares: { agenda: [0.62, 0.66, 0.64], proces: [0.58, 0.6, 0.62], resultaat: [0.5, 0.54, 0.58] },
    answerRate: { closed: 0.8, open: 0.75 },
    location: "Online (videoverbinding)",
  },
  {
    // The positive outlier: results the other regions could learn from.
    slug: "achterhoek",
    shares: { agenda: [0.74, 0.76, 0.78], proces: [0.72, 0.74, 0.76], resultaat: [0.95, 1, 1] },
    answerRate: { closed: 0.95, open: 0.75 },
    location: "Gemeentehuis Doetinchem",
  },
  {
    // The negative outlier: a table whose process does not work (changing people, meetings postponed).
    slug: "drechtsteden",
    shares: { agenda: [0.6, 0.62, 0.64], proces: [0.25, 0.2, 0.15], resultaat: [0.5, 0.52, 0.55] },
    answerRate: { closed: 0.9, open: 0.75 },
    location: "Stadskantoor Dordrecht",
  },
  {
    slug: "zeeland",
    shares: { agenda: [0.68, 0.7, 0.71], proces: [0.64, 0.66, 0.66], resultaat: [0.6, 0.62, 0.63] },
    answerRate: { closed: 0.85, open: 0.55 },
    location: "Provinciehuis Middelburg",
  },
];

/** Which support people ask for, per part: short texts on the recurring themes. */
export const SUPPORT_NEEDS: Record<VensterPart, readonly string[]> = {
  agenda: [
    "Hulp bij het kiezen van gezamenlijke prioriteiten voor ouderen en dementie in de werkagenda.",
    "Een procesbegeleider om de werkagenda preventie samen met de zorgverzekeraar op te stellen.",
    "Ondersteuning bij het afbakenen van wat we als financiers wel en niet samen mogen bespreken.",
    "Voorbeelden van regio's die GGZ en verward gedrag een vaste plek op de agenda hebben gegeven.",
  ],
  proces: [
    "Een onafhankelijke voorzitter: de regiosecretaris vertrekt en de overdracht is niet geregeld.",
    "Hulp bij afspraken tussen gemeenten, GGZ-aanbieders en zorgverzekeraar over personen met verward gedrag.",
    "Ondersteuning bij de overgang jeugd 18-/18+: wie pakt wat op en wie betaalt.",
    "Begeleiding om het overleg vaker met bestuurders te voeren in plaats van alleen ambtelijk.",
  ],
  resultaat: [
    "Voorbeelden uit andere regio's van samenwerking in de wijk tussen wijkverpleging en sociaal team.",
    "Hulp bij het meetbaar maken van resultaten op preventie.",
    "Cijfers over wachttijden in de GGZ in onze regio om afspraken te onderbouwen.",
    "Ondersteuning bij het opschalen van de pilot dementievriendelijke wijk naar alle gemeenten.",
  ],
};

/** Optional explanations: what people write when they are satisfied, and when they are not. */
export const EXPLANATIONS: Record<VensterPart, { ja: readonly string[]; nee: readonly string[] }> = {
  agenda: {
    ja: [
      "De werkagenda is helder en alle drie de financiers herkennen zich erin.",
      "Ouderenzorg, GGZ en preventie staan er alle drie op, met doelen voor kort en lang.",
      "Goed dat mantelzorg dit jaar een eigen agendapunt kreeg.",
    ],
    nee: [
      "De agenda wordt vooral door de gemeenten bepaald; de zorgverzekeraar schuift aan als toehoorder.",
      "Te veel onderwerpen tegelijk, er komt weinig af.",
      "Jeugd 18-/18+ staat al twee jaar op de agenda zonder besluit.",
    ],
  },
  proces: {
    ja: [
      "Vaste contactpersonen aan alle kanten, dat maakt het overleg makkelijk.",
      "Stukken komen op tijd en de voorzitter houdt de afspraken goed bij.",
      "De zorgverzekeraar en het zorgkantoor zijn nu bij elk overleg aanwezig.",
    ],
    nee: [
      "Wisselende contactpersonen bij gemeenten; elke keer beginnen we opnieuw.",
      "Overleggen worden vaak verzet en besluiten blijven liggen.",
      "Onduidelijk wie namens de kleinere gemeenten mag spreken.",
    ],
  },
  resultaat: {
    ja: [
      "De aanpak verward gedrag loopt en wordt door alle partijen gedragen.",
      "Samenwerkingsafspraken over de wijkverpleging zijn getekend.",
      "Het valpreventieprogramma voor ouderen draait nu in alle gemeenten.",
    ],
    nee: [
      "Nog weinig zichtbare resultaten voor inwoners.",
      "Mooie plannen, maar de uitvoering blijft achter.",
      "Afspraken over dementiezorg zijn nog niet concreet.",
    ],
  },
};
