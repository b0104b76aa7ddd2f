// French (fr), part 16 of the web catalogue: a country's and a partner's partnership pages.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/fr.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  ptCountryTitle: "{unit} : demandes et appui reçu",
  ptCountryTitleShort: "Les demandes et l’appui d’un pays",
  ptCountryLead: "Ce que ce pays a demandé, l’origine de chaque demande, les offres rapprochées et les annonces de contribution reçues avec leurs livraisons. Vous ne voyez que ce que vous êtes autorisé à voir.",
  ptCountryLink: "{unit} : toutes les demandes et l’appui reçu",
  ptCountryRequests: "Ses demandes",
  ptNoCountry: "Aucun pays avec le code {unit}",
  ptAsked: "Demandé",
  ptAskedOn: "le {date} (il y a {n} jours)",
  ptNoMatchSeen: "Aucun rapprochement que vous puissiez voir.",
  ptMatchesOf: "Rapprochements de la demande « {title} »",
  ptReceived: "Ce qu’il a reçu",
  ptPledgesTo: "Annonces de contribution à {unit}",
  ptByYear: "Valeur par année",
  ptInCurrency: "Dans les monnaies des annonces",
  ptAmountIs: "{amount} ({usd})",
  ptDeliveredValue: "Valeur entièrement exécutée",
  ptDeliveryLine: "{date} : {what} ({n} bénéficiaires)",
  ptScore: "Score",
  ptOfferN: "Offre {n}",
  ptPartnerTitle: "{partner} : offres, rapprochements et annonces de contribution",
  ptPartnerTitleShort: "Les offres et annonces d’un partenaire",
  ptPartnerLead: "Ce que ce partenaire offre et le nombre de places restantes, les rapprochements proposés sur ses offres et ses annonces de contribution avec ce qui est livré. Vous ne voyez que ce que vous êtes autorisé à voir.",
  ptPartnerLink: "{partner} : toutes ses offres, rapprochements et annonces",
  ptNoPartner: "Aucune organisation avec l’identifiant {partner}",
  ptOffersOf: "Offres de {partner}",
  ptMatchesOfPartner: "Rapprochements proposés sur les offres de {partner}",
  ptPledgesFrom: "Annonces de contribution de {partner}",
};

export default m;
