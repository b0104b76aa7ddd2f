// Chinese (zh): the names of the groups of units (ITU regions, UN M49
// regions, UN lists), in the UN's usual terms for them where they have one.
// cybercap's own catalogue entries, not an official ITU text.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  gname_itu_africa: "非洲",
  gname_itu_americas: "美洲",
  gname_itu_arab_states: "阿拉伯国家",
  gname_itu_asia_pacific: "亚太",
  gname_itu_cis: "独联体",
  gname_itu_europe: "欧洲",
  gname_m49_africa: "非洲",
  gname_m49_americas: "美洲",
  gname_m49_asia: "亚洲",
  gname_m49_europe: "欧洲",
  gname_m49_oceania: "大洋洲",
  gname_ldc: "最不发达国家",
  gname_lldc: "内陆发展中国家",
  gname_sids: "小岛屿发展中国家",
};

export default m;
