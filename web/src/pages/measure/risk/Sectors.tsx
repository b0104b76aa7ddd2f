// Risks by sector (/risks/{a}/sectors): for every sector of the taxonomy
// that a risk hits, how many risks and at which current level, and the
// risks themselves; the sectors no risk names are counted at the end.
import { t } from '../../../i18n';
import { href, type Route } from '../../../router';
import { useAsync } from '../../../hooks';
import { int, collate } from '../../../format';
import { ErrorState, Link, Loading } from '../../../components/ui';
import { riskHref, risks, type Matrix, type Risk, type SectorRisks } from '../../../risks';
import { LevelTag, RegisterHeader, WithRegister } from './common';

export function RiskSectors({ route }: { route: Route }) {
  const sectors = useAsync(() => risks.sectors(route.id!), [route.id]);
  return (
    <WithRegister route={route} title="rkSectorsTitle">
      {({ a, list }) => {
        const m = a.matrix;
        const levels = [...m.levels].reverse();
        const hit = sectorsHit(sectors.data || []);
        const untouched = (sectors.data || []).length - hit.length;
        const top = hit[0];
        const serious = (s: SectorRisks) => levels.slice(0, 2).reduce((n, l) => n + (s.levels[l.id] || 0), 0);
        return (
          <div class="page page-wide risk">
            <RegisterHeader a={a} current="sectors" h1={t('rkSectorsTitle')} />
            {sectors.state === 'error' ? <ErrorState error={sectors.error} retry={sectors.retry} /> : !sectors.data ? <Loading /> : (
              <>
                <p class="lead" data-testid="sectors-lead">{top ? t('rkSectorsLead', { sector: top.name, n: top.risks.length, k: serious(top), levels: levels.slice(0, 2).map((l) => l.name).join(' / ') }) : t('rkSectorsNone')}</p>
                <SectorsTable a={a.id} m={m} list={list} hit={hit} />
                {untouched > 0 && <p class="muted">{t('rkSectorsUntouched', { n: untouched })}</p>}
              </>
            )}
          </div>
        );
      }}
    </WithRegister>
  );
}

/** The sectors HIT, with their risks by current level and the risks themselves. */
export function SectorsTable({ a, m, list, hit }: { a: string; m: Matrix; list: Risk[]; hit: SectorRisks[] }) {
  const levels = [...m.levels].reverse();
  const title = (id: string) => list.find((r) => r.id === id);
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('rkSectorsCaption') })}>
      <table class="data" data-testid="sectors-table">
        <caption>{t('rkSectorsCaption')}</caption>
        <thead><tr>
          <th scope="col">{t('rkSector')}</th><th scope="col" class="num">{t('rkRisksN')}</th>
          {levels.map((l) => <th scope="col" class="num" key={l.id}>{l.name}</th>)}
          <th scope="col">{t('rkRisksList')}</th>
        </tr></thead>
        <tbody>
          {hit.map((s) => (
            <tr key={s.id} data-sector={s.id}>
              <th scope="row">{s.name}</th>
              <td class="num">{int(s.risks.length)}</td>
              {levels.map((l) => <td class="num" key={l.id}>{int(s.levels[l.id] || 0)}</td>)}
              <td>
                <ul class="plain-list">
                  {s.risks.map((id) => (
                    <li key={id}><Link href={href(riskHref(a, 'risks/' + encodeURIComponent(id)))}>{title(id)?.title || id}</Link>{' '}
                      <LevelTag m={m} level={title(id)?.current?.level} /></li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The sectors any risk names, most risks first. */
export const sectorsHit = (xs: SectorRisks[]) => xs.filter((s) => s.risks.length).sort((x, y) => y.risks.length - x.risks.length || collate(x.name, y.name));
