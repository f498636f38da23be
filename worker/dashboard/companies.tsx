// The companies explorer (search, filters, sorting, keyset pages, CSV) and one company's page (standing, time line, ledger in words).
import type { CompanyDetail, SortId } from '../db/company-list';
import type { CompanySummary } from '../companies/view';
import { STAGES, type StageId } from '../scoring/types';
import { STAGE_NAMES } from '../stats/weakest';
import { STAGE_COLORS } from './charts';
import { SOURCE_NAMES } from './coverage';
import { reasonInWords, signed } from './ledger-words';
import { CompanyName, Header, Layout } from './page';

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const Pill = ({ stage }: { stage: StageId }) => <span class="pill" style={`background:${STAGE_COLORS[stage]}`}>{STAGE_NAMES[stage]}</span>;
const SORT_NAMES: Record<SortId, string> = { engaged: 'Last engaged', score: 'Score', since: 'Newest in stage', domain: 'Domain A–Z' };

export interface ExplorerQuery { q?: string; stage?: StageId; salesAttention?: boolean; sort: SortId }

/** The query string of a filter (and optional extras), for links that keep the filters. */
export function filterQuery(f: ExplorerQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.stage) p.set('stage', f.stage);
  if (f.salesAttention !== undefined) p.set('salesAttention', String(f.salesAttention));
  p.set('sort', f.sort);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

export function ExplorerPage({ siteName, filter, companies, total, page, pageSize, nextCursor }: {
  siteName: string; filter: ExplorerQuery; companies: CompanySummary[]; total: number; page: number; pageSize: number; nextCursor: string | null;
}) {
  const first = (page - 1) * pageSize + 1;
  return (
    <Layout title={`Waymark · ${siteName} · companies`}>
      <Header siteName={siteName} section="companies" />
      <main>
        <section class="card wide">
          <h2>Companies</h2>
          <form class="filters" method="get" action="/dashboard/companies" aria-label="Search and filter">
            <label>Search<input type="search" name="q" value={filter.q ?? ''} placeholder="name or domain" maxlength={100} /></label>
            <label>Stage<select name="stage"><option value="">Any stage</option>{STAGES.map((s) => <option value={s} selected={filter.stage === s}>{STAGE_NAMES[s]}</option>)}</select></label>
            <label>Sales attention<select name="salesAttention">
              <option value="">Any</option><option value="true" selected={filter.salesAttention === true}>Needs attention</option><option value="false" selected={filter.salesAttention === false}>Not now</option>
            </select></label>
            <label>Sort<select name="sort">{(Object.keys(SORT_NAMES) as SortId[]).map((s) => <option value={s} selected={filter.sort === s}>{SORT_NAMES[s]}</option>)}</select></label>
            <button type="submit">Show</button>
            <a class="button" href={`/dashboard/companies/export.csv?${filterQuery(filter)}`} download="companies.csv">Export CSV</a>
          </form>
          <p class="muted small" id="result-count">{total === 0 ? 'No company matches.' : `${first}–${first + companies.length - 1} of ${total} ${total === 1 ? 'company' : 'companies'}`}</p>
          {companies.length > 0 && (
            <div class="table"><table id="companies">
              <thead><tr><th>Company</th><th>Stage</th><th class="num" title="0–10: the points of the ledger, with decay">Score</th><th class="hide-phone">Sales attention</th><th class="hide-phone">Last engaged</th><th class="hide-phone">In stage since</th></tr></thead>
              <tbody>{companies.map((co) => (
                <tr>
                  <td><CompanyName name={co.name} domain={co.domain} href={`/dashboard/companies/${encodeURIComponent(co.domain)}`} /></td>
                  <td><Pill stage={co.stage} /></td>
                  <td class="num">{co.score.toFixed(1)}</td>
                  <td class="hide-phone">{co.salesAttention ? 'Yes' : ''}</td>
                  <td class="hide-phone">{date(co.lastEngagedAt)}</td>
                  <td class="hide-phone">{date(co.stageSince)}</td>
                </tr>
              ))}</tbody>
            </table></div>
          )}
          <nav class="pager" aria-label="Pages">
            {page > 1 && <a href={`/dashboard/companies?${filterQuery(filter)}`}>← First page</a>}
            {nextCursor && <a id="next-page" rel="next" href={`/dashboard/companies?${filterQuery(filter, { cursor: nextCursor, page: String(page + 1) })}`}>Next {pageSize} →</a>}
          </nav>
        </section>
      </main>
    </Layout>
  );
}

export function CompanyPage({ siteName, summary, detail }: { siteName: string; summary: CompanySummary; detail: CompanyDetail }) {
  const visitors = detail.visitors.reduce((s, v) => s + v.n, 0);
  const sources = detail.visitors.filter((v) => v.source).map((v) => `${v.n} by ${SOURCE_NAMES[v.source as keyof typeof SOURCE_NAMES] ?? v.source}`);
  return (
    <Layout title={`Waymark · ${summary.name ?? summary.domain}`}>
      <Header siteName={siteName} section="companies" />
      <main>
        <p class="small"><a href="/dashboard/companies">← All companies</a></p>
        <section class="card wide">
          <h2><CompanyName name={summary.name} domain={summary.domain} /> <Pill stage={summary.stage} />{summary.salesAttention && <span class="tag">needs sales attention</span>}</h2>
          <div class="facts">
            <div><b>{summary.score.toFixed(2)}</b><span>score of 10 (with decay)</span></div>
            <div><b>{date(summary.stageSince)}</b><span>in {STAGE_NAMES[summary.stage]} since</span></div>
            <div><b>{date(summary.lastEngagedAt)}</b><span>last engaged</span></div>
            <div><b>{summary.stakeholders}</b><span>people active in 30 days</span></div>
            <div><b>{visitors}</b><span>visitors named{sources.length ? `: ${sources.join(', ')}` : ''}</span></div>
          </div>
        </section>
        <div class="grid">
          <section class="card" aria-label="Stage time line">
            <h2>Journey</h2>
            {detail.transitions.length === 0 ? <p class="muted">No stage change yet.</p> : (
              <ol class="timeline">{detail.transitions.map((t) => (
                <li><span class="muted">{day(t.at)}</span> <b>{STAGE_NAMES[t.from as StageId] ?? t.from} → {STAGE_NAMES[t.to as StageId] ?? t.to}</b><br /><span class="small">{reasonInWords(t.reason)} <span class="muted">(score {t.score.toFixed(2)})</span></span></li>
              ))}</ol>
            )}
          </section>
          <section class="card" aria-label="Ledger">
            <h2>Why this score</h2>
            <p class="muted small">The latest {detail.ledger.length} changes, newest first; they add up to the score.</p>
            <div class="table"><table class="ledger-table">
              <thead><tr><th>Date</th><th>What happened</th><th class="num">Points</th><th class="num">Score</th></tr></thead>
              <tbody>{detail.ledger.map((l) => (
                <tr><td class="muted nowrap">{day(l.ts)}</td><td>{reasonInWords(l.reason)}</td><td class={`num ${l.delta < 0 ? 'neg' : 'pos'}`}>{signed(l.delta)}</td><td class="num">{l.scoreAfter.toFixed(2)}</td></tr>
              ))}</tbody>
            </table></div>
          </section>
        </div>
      </main>
    </Layout>
  );
}
