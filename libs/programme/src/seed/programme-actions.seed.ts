/**
 * The strategic goals and the actions ("Acties en resultaten") of the Actieprogramma Mensenhandel ZWB 2021–2024,
 * chapter 2. Each action keeps its owner (kartrekker) and due moment in the words of the text; where the text names
 * no owner ("we …") or no moment, the field is `null`. `source` names the passage an action was taken from.
 */
export interface ProgrammeGoalSeed {
  goal: number;
  title: string;
}

export interface ProgrammeActionSeed {
  /** Stable id: `A<goal>.<n>`, the n-th action under the goal in the text. */
  actionId: string;
  goal: number;
  title: string;
  owner: string | null;
  /** The due moment as the text writes it, e.g. `Q2|2022`, `2022`, `doorlopend`. */
  due: string | null;
  source: string;
}

/** The short titles of the six goals, from the overview "Strategische doelstellingen" in chapter 2. */
export const PROGRAMME_GOALS: readonly ProgrammeGoalSeed[] = [
  { goal: 1, title: 'Breed bewustzijn' },
  { goal: 2, title: 'Gedegen beeld over de aard | gedeeld handelingsperspectief' },
  { goal: 3, title: 'Coherente hulp en ondersteuning' },
  { goal: 4, title: 'Voorkomen revictimisatie' },
  { goal: 5, title: 'Stevige repressieve aanpak' },
  { goal: 6, title: 'Voorkomen recidive' },
];

const G1 = 'Hoofdstuk 2, doelstelling 1 (breed bewustzijn), Acties en resultaten';
const G2 = 'Hoofdstuk 2, doelstelling 2 (gedegen beeld, gedeeld handelingskader), Acties en resultaten';
const G3 = 'Hoofdstuk 2, doelstelling 3 (coherent hulpaanbod en ondersteuning), Acties en resultaten';
const G4 = 'Hoofdstuk 2, doelstelling 4 (voorkomen (herhaald) slachtofferschap), Acties en resultaten';
const G5 = 'Hoofdstuk 2, doelstelling 5 (stevige repressieve aanpak), Acties en resultaten';
const G6 = 'Hoofdstuk 2, doelstelling 6 (voorkomen (herhaald) daderschap), Acties en resultaten';

export const PROGRAMME_ACTIONS: readonly ProgrammeActionSeed[] = [
  {
    actionId: 'A1.1',
    goal: 1,
    title:
      'Overzicht van bestaande publiekscampagnes op www.ditisookmensenhandel.nl; per district gezamenlijk een campagne en thema kiezen',
    owner: 'Ketenregisseur',
    due: 'jaarlijks',
    source: `${G1}, 1e actie ("De ketenregisseur faciliteert dat op de website …")`,
  },
  {
    actionId: 'A1.2',
    goal: 1,
    title: 'Regionale Week tegen Mensenhandel in 2022',
    owner: null,
    due: 'Q2|2022',
    source: `${G1}, 2e actie ("In 2022 organiseren we een regionale Week tegen Mensenhandel …")`,
  },
  {
    actionId: 'A1.3',
    goal: 1,
    title: 'Campagnes borgen in jaarlijkse actieplannen en veiligheidsplannen; netwerkpartners betrekken',
    owner: null,
    due: '2022',
    source: `${G1}, 3e actie ("We borgen de campagnes …")`,
  },
  {
    actionId: 'A1.4',
    goal: 1,
    title: 'Vertegenwoordiging in landelijke overleggen voor de eenheid Zeeland-West-Brabant',
    owner:
      'Bestuurlijk trekker, ketenregisseur, Officieren van Justitie, specialist team AVIM, ISZW en zorgcoördinatoren',
    due: 'doorlopend',
    source: `${G1}, 4e actie ("De bestuurlijk trekker, de ketenregisseur, de Officieren van Justitie …")`,
  },
  {
    actionId: 'A1.5',
    goal: 1,
    title:
      'Relevante informatie achter een inlog op www.ditisookmensenhandel.nl voor aandachtsfunctionarissen en ketenpartners',
    owner: 'Ketenregisseur',
    due: 'Q1|2022',
    source: `${G1}, 5e actie ("De ketenregisseur faciliteert dat alle relevante informatie …")`,
  },
  {
    actionId: 'A1.6',
    goal: 1,
    title: 'Basislijst van professionals en per district een programma voor training en opleiding in 2022',
    owner: 'Regionaal Aanjaagteam',
    due: 'Q1|2022',
    source: `${G1}, 6e actie ("Voor het aanbieden van training en opleiding stelt het Regionaal Aanjaagteam …")`,
  },
  {
    actionId: 'A1.7',
    goal: 1,
    title: 'Gemeenten ondersteunen bij het opstellen van beleid ten aanzien van mensenhandel',
    owner: 'Regionaal Aanjaagteam en districtelijke coördinatoren',
    due: '2022',
    source: `${G1}, 7e actie ("Het Regionaal Aanjaagteam en de districtelijke coördinatoren ondersteunen …")`,
  },
  {
    actionId: 'A2.1',
    goal: 2,
    title:
      'Model om de aard en de locaties van de problematiek per district te beschrijven, met RIEC, DRIO, ISZW en EMM',
    owner: 'Regionaal Aanjaagteam',
    due: 'Q2|2022',
    source: `${G2}, 1e actie ("Het Regionaal Aanjaagteam stelt samen met RIEC, DRIO, ISZW en EMM een model op …")`,
  },
  {
    actionId: 'A2.2',
    goal: 2,
    title: 'Gemeenten ondersteunen bij het opstellen van beleid ten aanzien van mensenhandel',
    owner: 'Ketenregisseur en districtelijke coördinatoren',
    due: '2022',
    source: `${G2}, 2e actie ("De ketenregisseur en de districtelijke coördinatoren ondersteunen …")`,
  },
  {
    actionId: 'A2.3',
    goal: 2,
    title: 'Alle aandachtsfunctionarissen bij gemeenten en ketenpartners opleiden',
    owner: 'Districtelijke coördinatoren, met de zorgcoördinatoren',
    due: 'vanaf 2022 doorlopend',
    source: `${G2}, 3e actie ("De districtelijke coördinatoren zorgen er in samenwerking met de zorgcoördinatoren voor …")`,
  },
  {
    actionId: 'A2.4',
    goal: 2,
    title:
      'Aansluiten bij het landelijke programma: eerstelijns politiemedewerkers opleiden in het herkennen van signalen',
    owner: null,
    due: '2022',
    source: `${G2}, 4e actie ("We sluiten aan bij het landelijke programma …")`,
  },
  {
    actionId: 'A2.5',
    goal: 2,
    title: 'In beeld brengen welke interventies ingezet kunnen worden tegen arbeids-, seksuele en criminele uitbuiting',
    owner: 'Regionaal Aanjaagteam',
    due: 'Q1|2022',
    source: `${G2}, 5e actie ("Het Regionaal Aanjaagteam brengt in beeld welke interventies …"; eerste oplevering in Q1|2022, daarna doorontwikkeling)`,
  },
  {
    actionId: 'A2.6',
    goal: 2,
    title: "Een 'Bondgenootschap Jongeren' oprichten met het jongerenwerk, met een agenda",
    owner: 'Ketenregisseur',
    due: 'Q3|2022',
    source: `${G2}, 6e actie ("… richt de ketenregisseur in samenwerking met jongerenwerk een 'Bondgenootschap Jongeren' op"; samenstellen en agenda Q3|2022, operationeel vanaf 2022)`,
  },
  {
    actionId: 'A2.7',
    goal: 2,
    title:
      'Arbeidsmigranten betrekken via de klankbordgroepen van de Regionale Afsprakenkaders Arbeidsmigranten en Fairwork',
    owner: null,
    due: null,
    source: `${G2}, 7e actie ("Om arbeidsmigranten te betrekken bij de aanpak van Arbeidsuitbuiting …")`,
  },
  {
    actionId: 'A3.1',
    goal: 3,
    title: 'Halfjaarlijks evaluatiegesprek met de zorgcoördinatoren namens het Regionaal Aanjaagteam',
    owner: 'Ketenregisseur',
    due: 'vanaf Q4|2021',
    source: `${G3}, 1e actie ("De ketenregisseur voert namens het Regionaal Aanjaagteam halfjaarlijks een evaluatiegesprek …")`,
  },
  {
    actionId: 'A3.2',
    goal: 3,
    title:
      'Preventie- en weerbaarheidsprogramma’s over seksuele en criminele uitbuiting voor het onderwijs, met het Bondgenootschap Jongeren en het Panel Ervaringsdeskundigen',
    owner: null,
    due: 'Q1 en Q2|2022',
    source: `${G3}, 2e actie ("Preventie- en weerbaarheidsprogramma's/-campagnes over seksuele uitbuiting en criminele uitbuiting …")`,
  },
  {
    actionId: 'A3.3',
    goal: 3,
    title:
      'Preventie- en weerbaarheidsprogramma’s over arbeidsuitbuiting voor arbeidsmigranten en mensen met een LVB, met de klankbordgroepen',
    owner: null,
    due: 'Q1 en Q2|2022',
    source: `${G3}, 3e actie ("Preventie- en weerbaarheidsprogramma's/-campagnes over arbeidsuitbuiting …")`,
  },
  {
    actionId: 'A3.4',
    goal: 3,
    title: 'Het bestaande hulp- en ondersteuningsaanbod voor slachtoffers en de betrokken zorgpartners inventariseren',
    owner: 'Ketenregisseur, met de zorgcoördinatoren',
    due: 'Q4|2021/Q1|2022',
    source: `${G3}, 4e actie ("Samen met de zorgcoördinatoren inventariseert de ketenregisseur …")`,
  },
  {
    actionId: 'A3.5',
    goal: 3,
    title:
      'Brainstormsessie met ketenpartners, maatschappelijke organisaties en het Panel Ervaringsdeskundigen over het aanbod, extra interventies en het vinden van slachtoffers',
    owner: 'Ketenregisseur',
    due: 'Q1|2022',
    source: `${G3}, 5e actie ("Op basis van het overzicht van het hulp- en ondersteuningsaanbod organiseert de ketenregisseur …")`,
  },
  {
    actionId: 'A4.1',
    goal: 4,
    title:
      'In beeld brengen hoeveel slachtoffers binnen of buiten de regio worden opgevangen en op welke locaties slachtoffers verblijven of worden benaderd',
    owner: 'Zorgcoördinatoren',
    due: 'Q4|2021',
    source: `${G4}, 1e actie ("Door de zorgcoördinatoren wordt in beeld gebracht …")`,
  },
  {
    actionId: 'A4.2',
    goal: 4,
    title: 'Risicoanalyse van locaties en per locatie een schouw met de aandachtsfunctionarissen',
    owner: 'Regionaal Aanjaagteam',
    due: '2022',
    source: `${G4}, 2e actie ("… laat het Regionaal Aanjaagteam een scherpe analyse maken van risico's …")`,
  },
  {
    actionId: 'A4.3',
    goal: 4,
    title: 'Regionaal met partners en wetenschappers profielen van slachtoffers opstellen',
    owner: null,
    due: '2022',
    source: `${G4}, 3e actie ("In 2022 stellen we regionaal samen met partners en wetenschappers profielen op")`,
  },
  {
    actionId: 'A4.4',
    goal: 4,
    title: 'Brainstorm met een klankbord over het voorkomen van (herhaald) slachtofferschap',
    owner: 'Regionaal Aanjaagteam',
    due: 'Q1|2022',
    source: `${G4}, 4e actie ("Het Regionaal Aanjaagteam organiseert een brainstorm met een klankbord …")`,
  },
  {
    actionId: 'A4.5',
    goal: 4,
    title: 'Standaard om een contactverbod vragen met het oog op de veiligheid van slachtoffers',
    owner: 'Officier van Justitie',
    due: 'doorlopend',
    source: `${G4}, 5e actie ("… vraagt de Officier van Justitie standaard om een contactverbod op te leggen")`,
  },
  {
    actionId: 'A4.6',
    goal: 4,
    title: 'Voorlichting over secundaire victimisatie, met Tilburg University',
    owner: null,
    due: null,
    source: `${G4}, 6e actie ("Om secundaire victimisatie van slachtoffers te voorkomen …")`,
  },
  {
    actionId: 'A5.1',
    goal: 5,
    title: 'Casuïstiek steeds bespreken tussen de betrokken partners; elk halfjaar de samenwerking evalueren',
    owner: 'Districtelijke coördinator',
    due: 'vanaf Q2|2022',
    source: `${G5}, 1e actie ("Concrete signalen worden direct opgepakt … De districtelijke coördinator neemt daarin het voortouw")`,
  },
  {
    actionId: 'A5.2',
    goal: 5,
    title: 'Digitale onderzoeken om online vormen van seksuele en criminele uitbuiting op te sporen',
    owner: 'Team AVIM',
    due: null,
    source: `${G5}, 2e actie ("Er wordt door team AVIM ook actief ingezet op digitale onderzoeken …")`,
  },
  {
    actionId: 'A5.3',
    goal: 5,
    title: 'Alle acties in casussen vastleggen met het effect van de interventie',
    owner: null,
    due: 'doorlopend',
    source: `${G5}, 3e actie ("Alle acties die in casussen worden ingezet om te verstoren of terug te dringen worden vastgelegd …")`,
  },
  {
    actionId: 'A5.4',
    goal: 5,
    title:
      'Elk kwartaal per district ten minste één voorstel aan de districtelijke stuurgroep over seksuele of criminele uitbuiting',
    owner: null,
    due: 'vanaf 2022',
    source: `${G5}, 4e actie ("Elk kwartaal wordt per district ten minste één voorstel …")`,
  },
  {
    actionId: 'A5.5',
    goal: 5,
    title:
      'Elk kwartaal per district samen met ISZW ten minste vier controles naar aanleiding van signalen van arbeidsuitbuiting',
    owner: null,
    due: 'vanaf 2022',
    source: `${G5}, 5e actie ("Elk kwartaal worden per district samen met ISZW ten minste vier controles uitgevoerd …")`,
  },
  {
    actionId: 'A5.6',
    goal: 5,
    title: 'Kwetsbare branches inzichtelijk maken; per district een branche selecteren en een aanpak formuleren',
    owner: 'Regionaal Aanjaagteam',
    due: '2022/2023',
    source: `${G5}, 6e actie ("Het Regionaal Aanjaagteam maakt op basis van bovengenoemd beeld inzichtelijk welke branches …")`,
  },
  {
    actionId: 'A6.1',
    goal: 6,
    title: 'Brainstormsessie voor een gezamenlijk voorstel over informatiedeling tussen zorg en veiligheid',
    owner: 'Regionaal Aanjaagteam',
    due: 'Q1|2022',
    source: `${G6}, 1e actie ("Het Regionaal Aanjaagteam organiseert een brainstormsessie …")`,
  },
  {
    actionId: 'A6.2',
    goal: 6,
    title: 'Regionaal met partners en wetenschappers profielen van daders opstellen',
    owner: null,
    due: '2022',
    source: `${G6}, 2e actie ("Om te komen tot een goede aanpak van daders … In 2022 stellen we regionaal … profielen op")`,
  },
  {
    actionId: 'A6.3',
    goal: 6,
    title: 'Onderzoeken of in 2022 binnen het arrondissement een Mensenhandel Kamer kan starten',
    owner: null,
    due: null,
    source: `${G6}, 3e actie ("We onderzoeken de mogelijkheid om in 2022 … te starten met een Mensenhandel Kamer")`,
  },
  {
    actionId: 'A6.4',
    goal: 6,
    title: 'Onderzoeken of de Centrale Voorziening voorwaardelijke invrijheidstelling (CVv.i.) van het OM ideeën heeft',
    owner: 'Regionaal Aanjaagteam',
    due: 'Q1|2022',
    source: `${G6}, 4e actie ("Het Regionaal Aanjaagteam onderzoekt of de Centrale Voorziening …")`,
  },
  {
    actionId: 'A6.5',
    goal: 6,
    title: 'Brainstorm met een klankbord over het voorkomen van (herhaald) daderschap',
    owner: 'Regionaal Aanjaagteam',
    due: 'Q1|2022',
    source: `${G6}, 5e actie ("Het Regionaal Aanjaagteam organiseert een brainstorm met een klankbord … (Jeugd-)Reclassering …")`,
  },
  {
    actionId: 'A6.6',
    goal: 6,
    title: 'Panel Ervaringsdeskundigen Seksuele en Criminele Uitbuiting starten, met een agenda',
    owner: 'Ketenregisseur',
    due: 'Q4|2021',
    source: `${G6}, 6e actie ("De ketenregisseur start een Panel Ervaringsdeskundigen …"; samenstellen en agenda Q4|2021, operationeel vanaf 2022)`,
  },
  {
    actionId: 'A6.7',
    goal: 6,
    title:
      'Lobby bij het ministerie van Justitie en Veiligheid voor meer prioriteit voor daders bij de (Jeugd-)Reclassering',
    owner: null,
    due: 'Q4|2021',
    source: `${G6}, 7e actie ("In de lobby met het ministerie van Justitie en Veiligheid …")`,
  },
  {
    actionId: 'A6.8',
    goal: 6,
    title: 'Bij het eerste verhoor van de verdachte contact opnemen met de zorgcoördinator',
    owner: null,
    due: 'vanaf Q4|2021',
    source: `${G6}, 7e actie, tweede zin ("Bij het eerste verhoor van de verdachte wordt contact opgenomen met de zorgcoördinator")`,
  },
];
