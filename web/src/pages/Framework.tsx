// Framework browser: the tree of pillars, groups and questions with their
// weights, maximum points, question types, options, guidance and conditions.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useAsync, useTitle } from '../hooks';
import { href, navigate, type Route } from '../router';
import { t } from '../i18n';
import { Empty, ErrorState, Link, Loading } from '../components/ui';
import { findNode, kindOf, nodeLabel, walk } from '../fw';
import { int, num, numShort, fold } from '../format';
import type { Framework, FwNode } from '../types';
import { useEffect } from 'preact/hooks';

export function FrameworkPage({ route }: { route: Route }) {
  const list = useAsync(api.frameworks, []);
  const id = route.id;
  useTitle(id ? undefined : t('navFramework'));
  useEffect(() => {
    if (!id && list.state === 'ok' && list.data.length === 1) {
      navigate(href('/frameworks/' + encodeURIComponent(list.data[0].id), Object.fromEntries(route.params)), { replace: true, focus: false });
    }
  }, [id, list.state]);
  if (!id) {
    return (
      <div class="page">
        <h1>{t('frameworksH1')}</h1>
        {list.state === 'loading' ? <Loading /> : list.state === 'error' ? <ErrorState error={list.error} retry={list.retry} />
          : !list.data.length ? <Empty title={t('noFrameworks')} /> : (
            <ul class="link-list">
              {list.data.map((f) => (
                <li key={f.id}><Link href={href('/frameworks/' + encodeURIComponent(f.id))}>{f.title}</Link>
                  {' '}<span class="muted">{t('fwCounts', { questions: int(f.questions), groups: int(f.groups) })}</span></li>
              ))}
            </ul>
          )}
      </div>
    );
  }
  return <FrameworkView id={id} version={route.params.get('version')} />;
}

const AGG: Record<string, 'aggMean' | 'aggGeometric' | 'aggHarmonic' | 'aggMin' | 'aggMax' | 'aggStage'> = {
  mean: 'aggMean', geometric: 'aggGeometric', harmonic: 'aggHarmonic', min: 'aggMin', max: 'aggMax', stage: 'aggStage',
};
const TYPES: Record<string, 'typeYesNo' | 'typeChoice' | 'typeMulti' | 'typeNumber' | 'typeText'> = {
  yes_no: 'typeYesNo', choice: 'typeChoice', multi: 'typeMulti', number: 'typeNumber', text: 'typeText',
};

function FrameworkView({ id, version }: { id: string; version?: string | null }) {
  const fw = useAsync(() => api.framework(id, version), [id, version]);
  const info = useAsync(api.frameworks, []);
  const maps = useAsync(() => api.mappings(id), [id]);
  const [query, setQuery] = useState('');
  const [openAll, setOpenAll] = useState<{ v: boolean; n: number }>({ v: false, n: 0 });
  useTitle(fw.data?.title || t('navFramework'));
  if (fw.state === 'loading') return <div class="page"><h1>{t('navFramework')}</h1><Loading /></div>;
  if (fw.state === 'error') return <div class="page"><h1>{t('navFramework')}</h1><ErrorState error={fw.error} retry={fw.error.status === 404 ? undefined : fw.retry} /></div>;
  const f = fw.data;
  const p = f.precision;
  const meta = info.data?.find((x) => x.id === f.id);
  let nq = 0, ng = 0, ni = 0;
  walk(f.children, (n) => { const k = kindOf(n); if (k === 'question') nq++; else if (k === 'group') ng++; else ni++; });
  const q = fold(query.trim());
  const matches: { n: FwNode; path: string[] }[] = [];
  if (q) {
    const rec = (nodes: FwNode[], path: string[]) => {
      for (const n of nodes) {
        const text = [n.id, n.name, n.question, n.guidance, ...(n.options || []).map((o) => o.label)].filter(Boolean).join(' ');
        const folded = fold(text);
        if (!n.children && folded.includes(q)) matches.push({ n, path });
        if (n.children) rec(n.children, [...path, nodeLabel(n)]);
      }
    };
    rec(f.children, []);
  }
  const totalW = f.children.reduce((s, c) => s + (c.weight ?? 1), 0);
  return (
    <div class="page framework">
      <p class="eyebrow">{t('navFramework')}{f.version ? ` · ${t('version')} ${f.version}` : ''}</p>
      <h1>{f.title}</h1>
      <p class="lead">{t('fwLead', { questions: int(nq), groups: int(ng - f.children.filter((c) => c.children).length), pillars: int(f.children.length), scale: numShort(f.scale, p) })}{ni ? ' ' + t('fwIndicators', { n: int(ni) }) : ''}</p>
      <dl class="facts">
        <div><dt>{t('fwScale')}</dt><dd>{t('pointsN', { n: numShort(f.scale, p) })}</dd></div>
        <div><dt>{t('fwPrecision')}</dt><dd>{t('fwPrecisionText', { n: p })}</dd></div>
        <div><dt>{t('fwRanking')}</dt><dd>{f.ranking === 'competition' ? t('rankingCompetition') : t('rankingDense')}</dd></div>
        <div><dt>{t('fwMissing')}</dt><dd>{f.missing === 'exclude' ? t('missingExclude') : t('missingZero')}</dd></div>
        {meta?.hash && <div><dt>{t('fwHash')}</dt><dd><code class="hash">{meta.hash.slice(0, 16)}…</code></dd></div>}
      </dl>
      {f.levels && f.levels.length > 0 && (
        <div class="table-wrap">
          <table class="data levels-table">
            <caption>{t('levelsCaption')}</caption>
            <thead><tr><th scope="col">{t('colLevel')}</th><th scope="col">{t('colName')}</th><th scope="col" class="num">{t('colFrom')}</th></tr></thead>
            <tbody>
              {f.levels.map((l) => <tr key={l.id}><th scope="row">{l.id}</th><td>{l.name}</td><td class="num">{t('pointsN', { n: numShort(l.min, p) })}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
      {maps.state === 'ok' && maps.data.some((m) => m.target_version === (f.version || '')) && (
        <p><Link href={href('/crosswalks', { target: f.id, version: f.version })}>{t('fwCrosswalks')}</Link></p>
      )}
      <section aria-labelledby="tree-title" class="tree-section">
        <h2 id="tree-title">{t('fwTreeTitle')}</h2>
        <p class="chart-subtitle">{t('fwTreeSubtitle', { total: numShort(totalW, 2) })}</p>
        <div class="tree-tools no-print">
          <div class="field">
            <label for="fw-search">{t('fwSearch')}</label>
            <input id="fw-search" type="search" value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
          </div>
          {!q && (
            <div class="segmented" role="group" aria-label={t('fwExpand')}>
              <button type="button" onClick={() => setOpenAll({ v: true, n: openAll.n + 1 })}>{t('expandAll')}</button>
              <button type="button" onClick={() => setOpenAll({ v: false, n: openAll.n + 1 })}>{t('collapseAll')}</button>
            </div>
          )}
        </div>
        {q ? (
          <div role="region" aria-live="polite" aria-label={t('fwResults')}>
            <p class="status">{t('fwMatches', { n: matches.length, count: int(matches.length) })}</p>
            <ul class="tree">
              {matches.map((m) => (
                <li key={m.n.id}>
                  <p class="muted tree-path">{m.path.join(' › ')}</p>
                  <Leaf fw={f} n={m.n} siblingsW={1} p={p} />
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <ul class="tree" key={openAll.n}>
            {f.children.map((c) => <Node key={c.id} fw={f} n={c} siblingsW={totalW} p={p} open={openAll.v} depth={1} />)}
          </ul>
        )}
      </section>
    </div>
  );
}

function Node({ fw, n, siblingsW, p, open, depth }: { fw: Framework; n: FwNode; siblingsW: number; p: number; open: boolean; depth: number }) {
  if (!n.children) return <li><Leaf fw={fw} n={n} siblingsW={siblingsW} p={p} /></li>;
  const w = n.children.reduce((s, c) => s + (c.weight ?? 1), 0);
  const share = siblingsW ? (n.weight ?? 1) / siblingsW : 0;
  return (
    <li>
      <details open={open} class={'tree-group depth-' + depth}>
        <summary>
          <span class="tg-name">{n.name || n.id}</span>
          <span class="tg-meta">
            {t('maxPoints', { max: num(n.max, p) })} · {t('weightShare', { w: numShort(n.weight ?? 1, 2), share: num(share * 100, 0) })}
            {' · '}{t(AGG[n.aggregate || 'mean'] || 'aggMean')}
          </span>
        </summary>
        {n.guidance && <p class="guidance">{n.guidance}</p>}
        {n.when && <Condition fw={fw} n={n} />}
        <ul class="tree">
          {n.children.map((c) => <Node key={c.id} fw={fw} n={c} siblingsW={w} p={p} open={open} depth={depth + 1} />)}
        </ul>
      </details>
    </li>
  );
}

function Condition({ fw, n }: { fw: Framework; n: FwNode }) {
  if (!n.when) return null;
  const src = findNode(fw, n.when.q);
  const opt = src?.options?.find((o) => o.id === n.when!.is)?.label;
  const ans = opt || (n.when.is === 'yes' ? t('answerYes') : n.when.is === 'no' ? t('answerNo') : n.when.is);
  return (
    <p class="condition">
      <span class="condition-label">{t('condition')}</span>{' '}
      {t('whenText', { question: src ? nodeLabel(src) : n.when.q, answer: ans })}{' '}
      {n.na === 'exclude' ? t('naExclude') : t('naZero')}
    </p>
  );
}

function Leaf({ fw, n, siblingsW, p }: { fw: Framework; n: FwNode; siblingsW: number; p: number }) {
  const kind = kindOf(n);
  const share = siblingsW ? (n.weight ?? 1) / siblingsW : 0;
  return (
    <div class={'leaf leaf-' + kind}>
      <p class="leaf-text">{n.question || n.name || n.id}</p>
      <p class="leaf-meta">
        <code>{n.id}</code>
        <span>{kind === 'indicator' ? t('kindIndicator') : t(TYPES[n.type || ''] || 'typeText')}</span>
        <span>{t('maxPoints', { max: num(n.max, p) })}</span>
        {siblingsW !== 1 || n.weight !== undefined ? <span>{t('weightShare', { w: numShort(n.weight ?? 1, 2), share: num(share * 100, 0) })}</span> : null}
        {kind === 'question' && <span>{n.evidence === 'required' ? t('evidenceRequired') : n.evidence === 'none' ? t('evidenceNone') : t('evidenceOptional')}</span>}
      </p>
      {n.when && <Condition fw={fw} n={n} />}
      {n.type === 'yes_no' && (
        <p class="small">{n.partial != null ? t('yesNoPartial', { partial: num(n.partial, 2) }) : t('yesNoPlain')}</p>
      )}
      {n.options && n.options.length > 0 && (
        <table class="data options">
          <caption class="sr-only">{t('optionsCaption')}</caption>
          <thead><tr><th scope="col">{t('colOption')}</th><th scope="col" class="num">{t('colValue')}</th><th scope="col" class="num">{t('colPointsShort')}</th></tr></thead>
          <tbody>
            {n.options.map((o) => (
              <tr key={o.id}><th scope="row">{o.label} <code class="muted">{o.id}</code></th><td class="num">{num(o.value, 2)}</td><td class="num">{num(o.value * n.max, p)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {n.type === 'multi' && <p class="small">{t('multiNote')}</p>}
      {n.thresholds && (
        <p class="small">{t('thresholds')}: {n.thresholds.map((th) => t('thresholdStep', { min: num(th.min, 2), value: num(th.value, 2) })).join('; ')}</p>
      )}
      {n.goalposts && <p class="small">{t('goalposts', { lo: num(n.goalposts[0], 2), hi: num(n.goalposts[1], 2) })}</p>}
      {n.guidance && (
        <div class="guidance">
          <p class="guidance-label">{t('guidance')}</p>
          <p>{n.guidance}</p>
        </div>
      )}
    </div>
  );
}
