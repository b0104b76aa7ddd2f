// Arabic (ar): the names of the groups of units (ITU regions, UN M49
// regions, UN lists), in the UN's usual terms for them where they have one.
// cybercap's own catalogue entries, not an official ITU text.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  gname_itu_africa: "أفريقيا",
  gname_itu_americas: "الأمريكتان",
  gname_itu_arab_states: "الدول العربية",
  gname_itu_asia_pacific: "آسيا والمحيط الهادئ",
  gname_itu_cis: "رابطة الدول المستقلة",
  gname_itu_europe: "أوروبا",
  gname_m49_africa: "أفريقيا",
  gname_m49_americas: "الأمريكتان",
  gname_m49_asia: "آسيا",
  gname_m49_europe: "أوروبا",
  gname_m49_oceania: "أوقيانوسيا",
  gname_ldc: "أقل البلدان نموًا",
  gname_lldc: "البلدان النامية غير الساحلية",
  gname_sids: "الدول الجزرية الصغيرة النامية",
};

export default m;
