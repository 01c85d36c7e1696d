/**
 * An archive like the repository's sample, written by the tests: content/ belongs to the editors,
 * who may reword, add or remove a dispatch there without breaking a test. The site and the topics
 * are content/'s when this was written (the sources are archive.ts's, the same); the dispatches
 * are realistic French news: accents, straight and curly apostrophes, guillemets, figures, a long
 * title, several topics and sources, a shortLink, a summary on some and none on others, two
 * years, two dispatches on one day.
 */
import { makeArchive, type TestArchive } from "./archive.ts";

const SAMPLE_SITE_YAML = `title: "Dépêches — archives de l’actualité"
baseUrl: https://archives.example.org
locale: fr
timezone: Europe/Paris
description: "Les dépêches des agences AA et TRT Français, archivées jour après jour."
`;

/** The topics of the sample: forty, four of them described. */
export const SAMPLE_TOPICS_YAML = `- slug: irak
  label: "Irak"
  description: "L’actualité de l’Irak : politique, sécurité, reconstruction."
- slug: syrie
  label: "Syrie"
- slug: turquie
  label: "Turquie"
- slug: etats-unis
  label: "États-Unis"
  description: "La politique intérieure et étrangère des États-Unis."
- slug: france
  label: "France"
- slug: iran
  label: "Iran"
- slug: russie
  label: "Russie"
- slug: ukraine
  label: "Ukraine"
- slug: algerie
  label: "Algérie"
- slug: maroc
  label: "Maroc"
- slug: tunisie
  label: "Tunisie"
- slug: libye
  label: "Libye"
- slug: egypte
  label: "Égypte"
- slug: palestine
  label: "Palestine"
- slug: israel
  label: "Israël"
- slug: liban
  label: "Liban"
- slug: arabie-saoudite
  label: "Arabie saoudite"
- slug: qatar
  label: "Qatar"
- slug: union-europeenne
  label: "Union européenne"
- slug: otan
  label: "OTAN"
- slug: onu
  label: "ONU"
- slug: economie
  label: "Économie"
- slug: energie
  label: "Énergie"
- slug: defense
  label: "Défense"
  description: "Armées, missions militaires et accords de défense."
- slug: terrorisme
  label: "Terrorisme"
  description: "La lutte contre les organisations terroristes."
- slug: diplomatie
  label: "Diplomatie"
- slug: sante
  label: "Santé"
- slug: climat
  label: "Climat"
- slug: sport
  label: "Sport"
- slug: culture
  label: "Culture"
- slug: technologie
  label: "Technologie"
- slug: migrations
  label: "Migrations"
- slug: elections
  label: "Élections"
- slug: droits-humains
  label: "Droits humains"
- slug: justice
  label: "Justice"
- slug: education
  label: "Éducation"
- slug: agriculture
  label: "Agriculture"
- slug: transports
  label: "Transports"
- slug: sciences
  label: "Sciences"
- slug: afrique
  label: "Afrique"
`;

/** The body of the sample's first dispatch, as its editor typed it: the typesetting tests read it rendered. */
export const IRAK_BODY = `Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat des forces de la Coalition internationale contre Daech, dirigées par les États-Unis.

C’est ce qu’a déclaré le conseiller irakien à la sécurité nationale, Qassem Al-Araji, dans un tweet : « nous avons achevé, aujourd’hui, le dernier round de dialogue avec la Coalition internationale, que nous avons entamé l’année dernière, et nous annonçons officiellement la fin des missions de combat des forces de la Coalition et leur retrait d’Irak ».

Il a, dans ce contexte, expliqué que « les relations avec la Coalition internationale se poursuivront dans le domaine de la formation, du conseil et de la responsabilisation ».

Le 26 juillet, Bagdad et Washington ont conclu un accord mettant fin à la mission de combat des troupes américaines en Irak à la fin 2021.

Depuis 2014, Washington dirige une Coalition internationale pour combattre l’organisation terroriste Daech, qui occupait à l’époque un tiers de la superficie de l’Irak, avec environ 3 000 soldats de la Coalition déployés dans le pays, dont 2 500 Américains.

Les forces politiques et factions armées irakiennes, proches de l’Iran, ont fait pression pour le retrait de toutes les forces étrangères, notamment américaines, d’Irak.

Le 5 janvier 2020, le Parlement irakien avait voté en faveur d’une résolution appelant au retrait des forces étrangères, dont les États-Unis, du pays et ce, deux jours après une frappe aérienne américaine qui avait tué le général iranien Qassem Souleimani et le chef adjoint de l’Autorité de mobilisation populaire, Abu Mahdi al-Mouhandis.

La Coalition a joué un rôle majeur dans la défaite de l’organisation et la restauration de la souveraineté de l’Irak sur la totalité de son territoire en 2017. L’organisation terroriste Daech maintient cependant des cellules dormantes dans de larges zones de l’Irak et lance des attaques sporadiques dans certaines régions du pays.
`;

// Only the two dispatches on Irak name it, in any form (title, topic, body, "irakien"): a search
// for the word finds them both, whatever the stemming makes of "Irak" and "irakien".
const ARTICLES: Record<string, string> = {
  "2021/11/26-la-turquie-et-l-algerie-prolongent-leur-accord-sur-le-gaz-naturel-liquefie.md": `---
title: "La Turquie et l'Algérie prolongent leur accord sur le gaz naturel liquéfié"
date: 2021-11-26T14:30
sources: AA
topics: [Turquie, Algérie, énergie]
summary: "Ankara et Alger prolongent de trois ans un contrat de 5,4 milliards de mètres cubes par an."
---
La compagnie turque BOTAŞ et l'algérienne Sonatrach ont signé, vendredi, la prolongation de leur contrat de fourniture de gaz naturel liquéfié jusqu'en 2024.

Le volume reste de 5,4 milliards de mètres cubes par an, soit près de 10 % de la consommation turque. « C'est un partenariat solide et durable », a souligné le ministre turc de l'Énergie.

L'Algérie est le 3e fournisseur de gaz de la Turquie, derrière la Russie et l'Azerbaïdjan.
`,
  "2021/12/09-l-irak-annonce-la-fin-de-la-mission-de-combat-des-forces-de-la-coalition-internationale-dans-le-pays.md": `---
title: "L’Irak annonce la fin de la mission de combat des forces de la Coalition internationale dans le pays"
date: 2021-12-09
sources: [AA, TRT FR]
shortLink: https://turquie2023.com/Ivo58D
topics: [Irak, États-Unis, Défense, Terrorisme]
---
${IRAK_BODY}`,
  "2021/12/09-syrie-l-onu-appelle-a-un-cessez-le-feu-dans-la-province-d-idleb.md": `---
title: "Syrie : l’ONU appelle à un cessez-le-feu dans la province d’Idleb"
date: 2021-12-09T16:45
sources: TRT FR
topics: [syrie, onu, Diplomatie, Droits humains]
summary: "Les Nations unies demandent l’arrêt des combats et l’accès de l’aide humanitaire au nord-ouest du pays."
---
Le Bureau de la coordination des affaires humanitaires des Nations unies a appelé, jeudi, toutes les parties à « cesser immédiatement les hostilités » dans la province d’Idleb.

> « Plus de 2,8 millions de personnes dépendent de l’aide qui franchit la frontière », rappelle l’organisation.

Le Conseil de sécurité doit se réunir le 20 décembre pour examiner la situation humanitaire dans le nord-ouest syrien.
`,
  "2021/12/16-turquie-la-banque-centrale-abaisse-son-taux-directeur-a-14.md": `---
title: "Turquie : la Banque centrale abaisse son taux directeur à 14 %"
date: 2021-12-16T14:05
sources: [AA, TRT FR]
topics: [Turquie, Économie]
shortLink: https://turquie2023.com/Bc14Tx
---
La Banque centrale de la République de Turquie a abaissé, jeudi, son taux directeur de 100 points de base, à 14 %.

Le comité de politique monétaire justifie sa décision par trois facteurs :

- des effets **temporaires** sur les prix ;
- la reprise de la demande extérieure ;
- la stabilité financière.

Il s’agit de la quatrième baisse consécutive depuis septembre. Le détail est publié [sur le site de la Banque](https://www.tcmb.gov.tr).
`,
  "2021/12/27-irak-la-cour-supreme-federale-valide-les-resultats-des-legislatives.md": `---
title: "Irak : la Cour suprême fédérale valide les résultats des législatives"
date: 2021-12-27T18:20
updated: 2021-12-28T09:00
sources: AA
topics: [Irak, Élections, Justice]
summary: "Le recours de plusieurs partis rejeté, le nouveau Parlement irakien peut se réunir."
---
La Cour suprême fédérale a validé, lundi, les résultats définitifs des élections législatives anticipées du 10 octobre, après avoir rejeté les recours déposés par plusieurs partis.

Le président de la République doit désormais convoquer le Parlement irakien dans les quinze jours. Les 329 députés éliront leur président, puis le chef de l’État.
`,
  "2022/01/04-la-france-prend-la-presidence-du-conseil-de-l-union-europeenne.md": `---
title: "La France prend la présidence du Conseil de l’Union européenne"
date: 2022-01-04T11:00
sources: TRT FR
topics: [France, Union européenne]
---
## Six mois de présidence

Depuis le 1er janvier, la France assure pour six mois la présidence tournante du Conseil de l’Union européenne, pour la 13e fois de son histoire.

Paris a fait de la *souveraineté européenne* sa priorité : le climat, le numérique et la défense commune sont au programme.
`,
};

/** A word of the sample's two dispatches on Irak, and how many results a search for it finds. */
export const SAMPLE_SEARCH = { word: "irakien", results: 2 } as const;

/** Writes the sample-like archive into a fresh temporary folder. */
export function makeSampleArchive(): TestArchive {
  const archive = makeArchive({ "site.yaml": SAMPLE_SITE_YAML, "topics.yaml": SAMPLE_TOPICS_YAML });
  for (const [path, text] of Object.entries(ARTICLES)) archive.article(path, text);
  return archive;
}
