// Chinese (zh), part 16 of the web catalogue: a country's and a partner's partnership pages.
// cybercap's own translation, not an official ITU text; terms follow docs/glossary/zh.md.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  ptCountryTitle: "{unit}：请求与获得的支持",
  ptCountryTitleShort: "一个国家的请求与支持",
  ptCountryLead: "该国请求了什么、每项请求的来源、与之配对的支持提议，以及获得的认捐及其交付记录。您只能看到您有权查看的内容。",
  ptCountryLink: "{unit}：全部请求与获得的支持",
  ptCountryRequests: "其请求",
  ptNoCountry: "没有代码为 {unit} 的国家",
  ptAsked: "提出时间",
  ptAskedOn: "{date}（{n} 天前）",
  ptNoMatchSeen: "没有您有权查看的配对。",
  ptMatchesOf: "请求“{title}”的配对",
  ptReceived: "获得的支持",
  ptPledgesTo: "给 {unit} 的认捐",
  ptByYear: "按年份的价值",
  ptInCurrency: "按认捐货币",
  ptAmountIs: "{amount}（{usd}）",
  ptDeliveredValue: "全部交付的价值",
  ptDeliveryLine: "{date}：{what}（{n} 个受益方）",
  ptScore: "得分",
  ptOfferN: "支持提议 {n}",
  ptPartnerTitle: "{partner}：支持提议、配对与认捐",
  ptPartnerTitleShort: "一个合作伙伴的支持提议与认捐",
  ptPartnerLead: "该合作伙伴提供什么、还剩多少名额、针对其支持提议提出的配对，以及其认捐和已交付的内容。您只能看到您有权查看的内容。",
  ptPartnerLink: "{partner}：全部支持提议、配对与认捐",
  ptNoPartner: "没有标识符为 {partner} 的组织",
  ptOffersOf: "{partner} 的支持提议",
  ptMatchesOfPartner: "针对 {partner} 的支持提议提出的配对",
  ptPledgesFrom: "{partner} 的认捐",
};

export default m;
