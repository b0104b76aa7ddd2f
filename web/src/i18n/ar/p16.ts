// Arabic (ar), part 16 of the web catalogue: a country's and a partner's partnership pages.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/ar.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  ptCountryTitle: "{unit}: الطلبات والدعم المتلقّى",
  ptCountryTitleShort: "طلبات بلد ما والدعم الذي تلقّاه",
  ptCountryLead: "ما طلبه هذا البلد، ومصدر كل طلب، والعروض المطابقة له، والتعهدات التي تلقّاها مع تسليماتها. لا ترى إلا ما يُسمح لك برؤيته.",
  ptCountryLink: "{unit}: جميع الطلبات والدعم المتلقّى",
  ptCountryRequests: "طلباته",
  ptNoCountry: "لا يوجد بلد بالرمز {unit}",
  ptAsked: "تاريخ الطلب",
  ptAskedOn: "في {date} (منذ {n} يومًا)",
  ptNoMatchSeen: "لا توجد مطابقة يُسمح لك برؤيتها.",
  ptMatchesOf: "مطابقات الطلب «{title}»",
  ptReceived: "ما تلقّاه",
  ptPledgesTo: "التعهدات إلى {unit}",
  ptByYear: "القيمة حسب السنة",
  ptInCurrency: "بعملات التعهدات",
  ptAmountIs: "{amount} ({usd})",
  ptDeliveredValue: "القيمة المسلّمة بالكامل",
  ptDeliveryLine: "{date}: {what} ({n} من المستفيدين)",
  ptScore: "الدرجة",
  ptOfferN: "العرض {n}",
  ptPartnerTitle: "{partner}: العروض والمطابقات والتعهدات",
  ptPartnerTitleShort: "عروض شريك ما وتعهداته",
  ptPartnerLead: "ما يعرضه هذا الشريك وعدد الأماكن المتبقية، والمطابقات المقترحة على عروضه، وتعهداته مع ما سُلّم منها. لا ترى إلا ما يُسمح لك برؤيته.",
  ptPartnerLink: "{partner}: جميع العروض والمطابقات والتعهدات",
  ptNoPartner: "لا توجد منظمة بالمعرّف {partner}",
  ptOffersOf: "عروض {partner}",
  ptMatchesOfPartner: "المطابقات المقترحة على عروض {partner}",
  ptPledgesFrom: "تعهدات {partner}",
};

export default m;
