// Russian (ru), part 16 of the web catalogue: a country's and a partner's partnership pages.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/ru.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  ptCountryTitle: "{unit}: запросы и полученная поддержка",
  ptCountryTitleShort: "Запросы и поддержка страны",
  ptCountryLead: "Что запросила эта страна, на чем основан каждый запрос, сопоставленные с ним предложения и полученные взносы с их поставками. Вы видите только то, что вам разрешено видеть.",
  ptCountryLink: "{unit}: все запросы и полученная поддержка",
  ptCountryRequests: "Ее запросы",
  ptNoCountry: "Нет страны с кодом {unit}",
  ptAsked: "Запрошено",
  ptAskedOn: "{date} (дней назад: {n})",
  ptNoMatchSeen: "Нет сопоставлений, которые вам разрешено видеть.",
  ptMatchesOf: "Сопоставления запроса «{title}»",
  ptReceived: "Что она получила",
  ptPledgesTo: "Взносы для страны {unit}",
  ptByYear: "Стоимость по годам",
  ptInCurrency: "В валютах взносов",
  ptAmountIs: "{amount} ({usd})",
  ptDeliveredValue: "Стоимость, предоставленная полностью",
  ptDeliveryLine: "{date}: {what} (получателей: {n})",
  ptScore: "Баллы",
  ptOfferN: "Предложение {n}",
  ptPartnerTitle: "{partner}: предложения, сопоставления и взносы",
  ptPartnerTitleShort: "Предложения и взносы партнера",
  ptPartnerLead: "Что предлагает этот партнер и сколько мест осталось, сопоставления по его предложениям и его взносы с тем, что уже предоставлено. Вы видите только то, что вам разрешено видеть.",
  ptPartnerLink: "{partner}: все предложения, сопоставления и взносы",
  ptNoPartner: "Нет организации с идентификатором {partner}",
  ptOffersOf: "Предложения: {partner}",
  ptMatchesOfPartner: "Сопоставления по предложениям: {partner}",
  ptPledgesFrom: "Взносы: {partner}",
};

export default m;
