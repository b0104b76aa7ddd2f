// The plans of a unit (/plans?unit=U): each with its period, progress and
// RAG in words, its actions and overdue ones; the server lists only what the
// caller may read (private plans for the unit's focal points, analysts,
// admins). Those who may change the unit's plans get "New plan". After a
// plan is deleted (?deleted=TITLE) the page says so first.
import './build.css';
import { t } from '../../i18n';
import { href, setParams, type Route } from '../../router';
import { api } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { date, int, unitName } from '../../format';
import { Empty, Link, Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { useSession } from '../../session';
import { mayEdit, plans } from '../../plans';
import type { Unit } from '../../types';
import { RagTag, pct, planHref } from './common';

export function PlansPage({ route }: { route: Route }) {
  const s = useSession(true);
  const unit = route.params.get('unit') || '';
  const user = s.status === 'signed-in' ? s.user : null;
  const data = useAsync(async () => {
    if (s.status === 'unknown') return new Promise<never>(() => {});
    const [list, units] = await Promise.all([plans.list(unit || null), api.units().catch(() => [] as Unit[])]);
    return { list, units };
  }, [unit, s.status, user?.id]);
  const units = data.data?.units || [];
  const uname = unit ? unitName(units.find((u) => u.id === unit), unit) : '';
  useTitle(unit ? t('plListH1', { unit: uname }) : t('plListTitle'));
  if (data.state === 'error') return <AccessError title={t('plListTitle')} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t('plListTitle')}</h1><Loading /></div>;
  const list = data.data!.list.plans;
  const deleted = route.params.get('deleted');
  return (
    <div class="page page-wide plans">
      {deleted && <div class="panel panel-success" role="status" data-testid="plan-deleted"><p>{t('plDeleted', { title: deleted })}</p></div>}
      <h1>{unit ? t('plListH1', { unit: uname }) : t('plListTitle')}</h1>
      <p class="lead">{t('plListLead')}</p>
      <form class="controls" aria-label={t('chooseWhatToShow')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="pl-unit">{t('plUnit')}</label>
          <select id="pl-unit" value={unit} onChange={(e) => setParams({ unit: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('plAllUnits')}</option>
            {units.map((u) => <option key={u.id} value={u.id}>{unitName(u)}</option>)}
          </select>
        </div>
      </form>
      {unit && mayEdit(user, unit) && (
        <p><Link class="button" href={href('/plans/new', { unit })}>{t('plNew')}</Link></p>
      )}
      {!list.length ? <Empty title={t('plNone')}><p>{t('plNoneText')}</p></Empty> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('plListTitle') })}>
          <table class="data" data-testid="plans-table">
            <caption>{unit ? t('plListH1', { unit: uname }) : t('plListTitle')}</caption>
            <thead><tr>
              <th scope="col">{t('plPlan')}</th><th scope="col">{t('plUnit')}</th><th scope="col">{t('plPeriod')}</th>
              <th scope="col" class="num">{t('plProgress')}</th><th scope="col">{t('plStatusRag')}</th>
              <th scope="col" class="num">{t('plActions')}</th><th scope="col" class="num">{t('plOverdue')}</th><th scope="col">{t('plVisibility')}</th>
            </tr></thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id} data-plan={p.id}>
                  <th scope="row"><Link href={planHref(p.id)}>{p.title}</Link></th>
                  <td>{unitName(units.find((u) => u.id === p.unit), p.unit)}</td>
                  <td>{t('plFromTo', { from: date(p.start), to: date(p.end) })}</td>
                  <td class="num">{pct(p.progress)}</td>
                  <td><RagTag rag={p.rag} /></td>
                  <td class="num">{int(p.actions)}</td>
                  <td class="num">{int(p.overdue)}</td>
                  <td>{p.public ? t('plPublic') : t('plPrivate')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
