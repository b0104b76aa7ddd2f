// The CSIRT service catalogue of a CIRT establishment plan
// (/plans/{p}/services): the FIRST CSIRT Services Framework by service area,
// each service with its purpose and functions, chosen with checkboxes and
// saved with PUT /plans/{p}/services. Read-only for those who may not change the plan.
import './build.css';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Route } from '../../router';
import type { ApiError } from '../../api';
import { useAsync } from '../../hooks';
import { int } from '../../format';
import { Loading, ErrorState } from '../../components/ui';
import { ErrorSummary, Panel, type FieldError } from '../../components/forms';
import { plans } from '../../plans';
import { PlanHeader, WithPlan, type PlanData } from './common';

export function ServicesPage({ route }: { route: Route }) {
  const [tick, setTick] = useState(0);
  return <WithPlan route={route} title="plServicesTitle" tick={tick}>{(d) => <ServicesView d={d} reload={() => setTick((x) => x + 1)} />}</WithPlan>;
}

function ServicesView({ d, reload }: { d: PlanData; reload: () => void }) {
  const cat = useAsync(() => plans.services(), []);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(d.plan.services.map((s) => s.id)));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const [n, setN] = useState(0);
  const toggle = (id: string) => setChosen((o) => { const x = new Set(o); if (x.has(id)) x.delete(id); else x.add(id); return x; });
  const save = async (ev: Event) => {
    ev.preventDefault();
    setN((x) => x + 1);
    const all = (cat.data?.areas || []).flatMap((a) => a.services.map((s) => s.id));
    try {
      const r = await plans.setServices(d.plan.id, all.filter((id) => chosen.has(id)));
      setErrors([]); setSaved(r.services.length); reload();
    } catch (e) { setErrors([{ id: 'svc-first', message: t('errGeneric', { message: (e as ApiError).message }) }]); }
  };
  return (
    <div class="page page-wide services">
      <ErrorSummary errors={errors} focusKey={n} />
      <PlanHeader d={d} current="services" h1={t('plServicesH1')} lead={t('plServicesLead')} />
      {saved != null && <Panel kind="success" title={t('plServicesSaved', { n: int(saved) })} />}
      {cat.state === 'error' ? <ErrorState error={cat.error} retry={cat.retry} /> : cat.state === 'loading' ? <Loading /> : (
        <form class="form" onSubmit={save} data-testid="services-form">
          <p data-testid="services-count">{t('plServicesCount', { n: int(chosen.size) })}</p>
          {cat.data.areas.map((a, ai) => (
            <fieldset class="fieldset" key={a.id}>
              <legend>{a.id}. {a.name}</legend>
              {a.services.map((s, si) => (
                <div class="checkbox" key={s.id}>
                  <input type="checkbox" id={ai === 0 && si === 0 ? 'svc-first' : 'svc-' + s.id} value={s.id} checked={chosen.has(s.id)}
                    disabled={!d.edit} onChange={() => toggle(s.id)} aria-describedby={'svc-' + s.id + '-hint'} />
                  <label for={ai === 0 && si === 0 ? 'svc-first' : 'svc-' + s.id}>{s.id} {s.name}</label>
                  <p class="hint" id={'svc-' + s.id + '-hint'}>{s.purpose} {t('plFunctions', { list: s.functions.map((f) => f.name).join('; ') })}</p>
                </div>
              ))}
            </fieldset>
          ))}
          {d.edit && <button type="submit" class="button">{t('plSaveServices')}</button>}
          <p class="chart-source">{cat.data.attribution} ({cat.data.licence})</p>
        </form>
      )}
    </div>
  );
}
