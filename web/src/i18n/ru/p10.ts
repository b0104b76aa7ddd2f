// Russian (ru): the names of the groups of units (ITU regions, UN M49
// regions, UN lists), in the UN's usual terms for them where they have one.
// cybercap's own catalogue entries, not an official ITU text.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  gname_itu_africa: "Африка",
  gname_itu_americas: "Америка",
  gname_itu_arab_states: "Арабские государства",
  gname_itu_asia_pacific: "Азиатско-Тихоокеанский регион",
  gname_itu_cis: "СНГ",
  gname_itu_europe: "Европа",
  gname_m49_africa: "Африка",
  gname_m49_americas: "Америка",
  gname_m49_asia: "Азия",
  gname_m49_europe: "Европа",
  gname_m49_oceania: "Океания",
  gname_ldc: "Наименее развитые страны",
  gname_lldc: "Развивающиеся страны, не имеющие выхода к морю",
  gname_sids: "Малые островные развивающиеся государства",
};

export default m;
