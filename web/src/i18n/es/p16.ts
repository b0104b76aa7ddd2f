// Spanish (es), part 16 of the web catalogue: a country's and a partner's partnership pages.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/es.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  ptCountryTitle: "{unit}: solicitudes y apoyo recibido",
  ptCountryTitleShort: "Las solicitudes y el apoyo de un país",
  ptCountryLead: "Lo que este país ha solicitado, de dónde procede cada solicitud, las ofertas emparejadas y las promesas recibidas con sus entregas. Solo ve lo que puede ver.",
  ptCountryLink: "{unit}: todas las solicitudes y el apoyo recibido",
  ptCountryRequests: "Sus solicitudes",
  ptNoCountry: "No hay ningún país con el código {unit}",
  ptAsked: "Solicitado",
  ptAskedOn: "el {date} (hace {n} días)",
  ptNoMatchSeen: "Ningún emparejamiento que pueda ver.",
  ptMatchesOf: "Emparejamientos de la solicitud «{title}»",
  ptReceived: "Lo que ha recibido",
  ptPledgesTo: "Promesas a {unit}",
  ptByYear: "Valor por año",
  ptInCurrency: "En las monedas de las promesas",
  ptAmountIs: "{amount} ({usd})",
  ptDeliveredValue: "Valor entregado por completo",
  ptDeliveryLine: "{date}: {what} ({n} beneficiarios)",
  ptScore: "Puntuación",
  ptOfferN: "Oferta {n}",
  ptPartnerTitle: "{partner}: ofertas, emparejamientos y promesas",
  ptPartnerTitleShort: "Las ofertas y promesas de un asociado",
  ptPartnerLead: "Lo que ofrece este asociado y cuántas plazas quedan, los emparejamientos propuestos sobre sus ofertas y sus promesas con lo entregado. Solo ve lo que puede ver.",
  ptPartnerLink: "{partner}: todas sus ofertas, emparejamientos y promesas",
  ptNoPartner: "No hay ninguna organización con el identificador {partner}",
  ptOffersOf: "Ofertas de {partner}",
  ptMatchesOfPartner: "Emparejamientos propuestos sobre las ofertas de {partner}",
  ptPledgesFrom: "Promesas de {partner}",
};

export default m;
