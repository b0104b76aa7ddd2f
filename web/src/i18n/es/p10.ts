// Spanish (es): the names of the groups of units (ITU regions, UN M49
// regions, UN lists), in the UN's usual terms for them where they have one.
// cybercap's own catalogue entries, not an official ITU text.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  gname_itu_africa: "África",
  gname_itu_americas: "Américas",
  gname_itu_arab_states: "Estados Árabes",
  gname_itu_asia_pacific: "Asia y el Pacífico",
  gname_itu_cis: "CEI",
  gname_itu_europe: "Europa",
  gname_m49_africa: "África",
  gname_m49_americas: "Américas",
  gname_m49_asia: "Asia",
  gname_m49_europe: "Europa",
  gname_m49_oceania: "Oceanía",
  gname_ldc: "Países menos adelantados",
  gname_lldc: "Países en desarrollo sin litoral",
  gname_sids: "Pequeños Estados insulares en desarrollo",
};

export default m;
