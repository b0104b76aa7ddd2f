// The national risk assessments (/risks): those the caller may read — the
// team's units' assessments, those they take part in, and every published
// one — with where each leads: the register for the team, the ratings for
// a participant, the public register for everyone once it is published.
import { t } from '../../../i18n';
import { href, type Route } from '../../../router';
import { useAsync, useTitle } from '../../../hooks';
import { date, int, unitName } from '../../../format';
import { api } from '../../../api';
import { useSession } from '../../../session';
import { Empty, ErrorState, Link, Loading } from '../../../components/ui';
import { mayRunRegister, riskHref, risks, type RiskAssessmentItem } from '../../../risks';
import type { Unit } from '../../../types';

export function RiskList({ route: _route }: { route: Route }) {
  const s = useSession();
  const user = s.status === 'signed-in' ? s.user : null;
  const data = useAsync(async () => {
    if (s.status === 'unknown') return new Promise<never>(() => {});
    const [list, units] = await Promise.all([risks.list(), api.units().catch(() => [] as Unit[])]);
    return { list, units };
  }, [s.status, user?.id]);
  useTitle(t('rkListTitle'));
  const head = <><h1>{t('rkListTitle')}</h1><p class="lead">{t('rkListLead')}</p></>;
  if (data.state === 'loading') return <div class="page">{head}<Loading /></div>;
  if (data.state === 'error') return <div class="page">{head}<ErrorState error={data.error} retry={data.retry} /></div>;
  const { list, units } = data.data;
  const links = (x: RiskAssessmentItem) => [
    mayRunRegister(user, x.unit) && <Link key="r" href={href(riskHref(x.id))}>{t('rkListRegister')}</Link>,
    x.participant != null && <Link key="p" href={href(riskHref(x.id, 'rate'))}>{t('rkListRate')}</Link>,
    x.published && <Link key="o" href={href(riskHref(x.id, 'public'))}>{t('rkListPublic')}</Link>,
  ].filter(Boolean);
  return (
    <div class="page page-wide risk">
      {head}
      {!list.length ? <Empty title={t('rkListNone')}><p>{t('rkListNoneText')}</p></Empty> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('rkListTitle') })}>
          <table class="data" data-testid="risk-assessments">
            <caption class="sr-only">{t('rkListTitle')}</caption>
            <thead><tr>
              <th scope="col">{t('rkListAssessment')}</th><th scope="col">{t('colUnit')}</th><th scope="col">{t('rkListPeriod')}</th>
              <th scope="col" class="num">{t('rkRisksN')}</th><th scope="col">{t('rkListStatus')}</th><th scope="col">{t('rkListOpen')}</th>
            </tr></thead>
            <tbody>
              {list.map((x) => (
                <tr key={x.id} data-assessment={x.id}>
                  <th scope="row">{x.title}</th>
                  <td>{unitName(units.find((u) => u.id === x.unit), x.unit)}</td>
                  <td>{t('rkPeriod', { from: date(x.start), to: date(x.end) })}</td>
                  <td class="num">{int(x.risks)}</td>
                  <td>{x.published ? <strong class="tag tag-green">{t('rkPublished')}</strong> : <strong class="tag tag-grey">{t('rkNotPublished')}</strong>}</td>
                  <td><span class="link-row-inline">{links(x).flatMap((l, i) => (i ? [' · ', l] : [l]))}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
