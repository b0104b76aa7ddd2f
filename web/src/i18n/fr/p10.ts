// French (fr): the names of the groups of units (ITU regions, UN M49
// regions, UN lists), in the UN's usual terms for them where they have one.
// cybercap's own catalogue entries, not an official ITU text.
import type { Key, Msg } from '../index';

const m: Partial<Record<Key, Msg>> = {
  gname_itu_africa: "Afrique",
  gname_itu_americas: "Amériques",
  gname_itu_arab_states: "États arabes",
  gname_itu_asia_pacific: "Asie-Pacifique",
  gname_itu_cis: "CEI",
  gname_itu_europe: "Europe",
  gname_m49_africa: "Afrique",
  gname_m49_americas: "Amériques",
  gname_m49_asia: "Asie",
  gname_m49_europe: "Europe",
  gname_m49_oceania: "Océanie",
  gname_ldc: "Pays les moins avancés",
  gname_lldc: "Pays en développement sans littoral",
  gname_sids: "Petits États insulaires en développement",
};

export default m;
