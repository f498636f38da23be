// The dashboard's pages: sign-in form and the marketer's view, server-rendered with hono JSX.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { displayDomain } from '../identity/domain';
import type { Stats } from '../stats/query';
import { STAGE_NAMES } from '../stats/weakest';
import { ContentInfluence, Funnel, STAGE_COLORS, StagesOverTime, TimeInStage } from './charts';
import { CoverageCard, type CoverageSetup } from './coverage';
import { reasonInWords, signed } from './ledger-words';
import { CSS } from './style';

export type { LedgerRow as LedgerLine } from '../db/ledger';
import type { LedgerRow as LedgerLine } from '../db/ledger';
export const RANGES = [30, 90, 180, 365];

export function Layout({ title, children }: { title: string; children: Child }) {
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <title>{title}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>{children}</body>
    </html>
    </>
  );
}

/** The top bar of every signed-in page: site, sections, optional range links, sign-out. */
export function Header({ siteName, section, days }: { siteName: string; section: 'overview' | 'companies'; days?: number }) {
  return (
    <header>
      <div><b>Waymark</b> <span class="muted">· {siteName}</span></div>
      <nav aria-label="Sections">
        <a href="/dashboard" class={section === 'overview' ? 'on' : ''}>Overview</a>
        <a href="/dashboard/companies" class={section === 'companies' ? 'on' : ''}>Companies</a>
      </nav>
      <nav aria-label="Range">
        {days !== undefined && RANGES.map((d) => <a href={`/dashboard?days=${d}`} class={d === days ? 'on' : ''}>{d} d</a>)}
        <form method="post" action="/dashboard/sign-out"><button class="link" type="submit">Sign out</button></form>
      </nav>
    </header>
  );
}

/** A company's name, and its domain beside it only when the name is not just the domain. */
export function CompanyName({ name, domain, href }: { name: string | null; domain: string; href?: string }) {
  const shown = displayDomain(domain); // bücher-gmbh.de, not xn--bcher-gmbh-9db.de
  const title = <strong>{name ?? shown}</strong>;
  // The stored ASCII form stands beside a Unicode one, so a look-alike name cannot pass for another.
  const beside = [name && name.toLowerCase() !== shown ? shown : '', shown !== domain ? domain : ''].filter(Boolean).join(' · ');
  return <>{href ? <a href={href}>{title}</a> : title}{beside && <span class="muted"> {beside}</span>}</>;
}

export function SignInPage({ error }: { error?: string }) {
  return (
    <Layout title="Waymark · sign in">
      <main class="signin">
        <h1>Waymark</h1>
        <p class="muted">Sign in with your site's secret key (<code>sk_…</code>). It stays on this server; the browser keeps only a signed session cookie.</p>
        {error && <p class="error" role="alert">{error}</p>}
        <form method="post" action="/dashboard/sign-in">
          <label for="key">Secret key</label>
          <input id="key" name="key" type="password" autocomplete="current-password" required placeholder="sk_…" />
          <button type="submit">Sign in</button>
        </form>
      </main>
    </Layout>
  );
}

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');
const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);

function Card({ title, note, children, wide }: { title: string; note?: string; children: Child; wide?: boolean }) {
  return (
    <section class={wide ? 'card wide' : 'card'}>
      <h2>{title}</h2>
      {note && <p class="muted small">{note}</p>}
      {children}
    </section>
  );
}

function Legend({ stats }: { stats: Stats }) {
  return <p class="legend">{stats.stages.map((s) => <span><i style={`background:${STAGE_COLORS[s]}`} />{STAGE_NAMES[s]} {stats.now.counts[s]}</span>)}</p>;
}

function Attention({ stats, ledgers }: { stats: Stats; ledgers: Map<string, LedgerLine[]> }) {
  if (!stats.salesAttention.companies.length) return <p class="muted">No company needs sales attention right now.</p>;
  return (
    <div class="table">
      <table>
        <thead><tr><th>Company</th><th>Stage</th><th>Score</th><th>In stage since</th><th>Last engaged</th></tr></thead>
        <tbody>
          {stats.salesAttention.companies.map((co) => (
            <tr>
              <td>
                <details>
                  <summary><CompanyName name={co.name} domain={co.domain} />{co.idle && <span class="tag">idle</span>}</summary>
                  <ul class="ledger">
                    {(ledgers.get(co.domain) ?? []).map((l) => (
                      <li><span class="muted">{new Date(l.ts).toISOString().slice(0, 10)}</span> {reasonInWords(l.reason)}: <b class={l.delta < 0 ? 'neg' : 'pos'}>{signed(l.delta)}</b> <span class="muted">→ {l.score_after.toFixed(2)}</span></li>
                    ))}
                  </ul>
                  <a class="small" href={`/dashboard/companies/${encodeURIComponent(co.domain)}`}>Open {co.name ?? co.domain}</a>
                </details>
              </td>
              <td><span class="pill" style={`background:${STAGE_COLORS[co.stage]}`}>{STAGE_NAMES[co.stage]}</span></td>
              <td>{co.score.toFixed(1)}</td>
              <td>{date(co.stageSince)}</td>
              <td>{date(co.lastEngagedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface DashboardProps {
  siteName: string;
  publicKey: string;
  origin: string;
  stats: Stats;
  days: number;
  ledgers: Map<string, LedgerLine[]>;
  setup: CoverageSetup;
}

/** A site with no data yet: the tag to install, and the simulator for a look first. */
function EmptyState({ publicKey, origin }: { publicKey: string; origin: string }) {
  return (
    <section class="card wide empty" id="get-started">
      <h2>No companies yet: install the tag</h2>
      <p>Add this line to the <code>&lt;head&gt;</code> of every page of your site. Visitors are named as they come (your IP ranges, form emails, reverse DNS, an enrichment provider).</p>
      <pre><code>{`<script defer src="${origin}/w.js" data-site="${publicKey}"></script>`}</code></pre>
      <p>Just looking? Fill this dashboard with six months of simulated journeys: <code>npm run simulate</code> (local), then reload.</p>
    </section>
  );
}

export function DashboardPage({ siteName, publicKey, origin, stats, days, ledgers, setup }: DashboardProps) {
  const ready = stats.now.counts.ready ?? 0;
  return (
    <Layout title={`Waymark · ${siteName}`}>
      <Header siteName={siteName} section="overview" days={days} />
      <main>
        {stats.now.total === 0 && <EmptyState publicKey={publicKey} origin={origin} />}
        <div class="kpis">
          <div><b>{stats.now.total}</b><span>companies tracked</span></div>
          <div><b>{(stats.now.counts.evaluation ?? 0) + ready}</b><span>evaluating or ready</span></div>
          <div><b>{stats.salesAttention.total}</b><span>need sales attention</span></div>
          <div><b>{stats.transitions.forward}<small> / {stats.transitions.backward}</small></b><span>moved forward / back in {days} d</span></div>
        </div>
        <section class="weakest" id="weakest-link">
          <h2>Weakest link</h2>
          <p>{stats.weakestLink?.sentence ?? 'Not enough journeys yet to name a weakest link: it appears once companies move between stages.'}</p>
        </section>
        <div class="grid">
          <CoverageCard coverage={stats.coverage} days={days} setup={setup} />
          <Card title="Stage funnel" note={`Bars: of the ${stats.funnel.cohort} companies first seen in the last ${days} days, how many reached each stage. Percent: the conversion rate, one definition everywhere (the weakest link uses it too): of the companies that reached the stage before in these ${days} days, the share that went on to this one.`}><Funnel stats={stats} /></Card>
          <Card title="Stages over time" note="Companies per stage each day (stored stage; idle companies decay when next read or by the scheduled pass)."><StagesOverTime stats={stats} /><Legend stats={stats} /></Card>
          <Card title="Time in stage and drop-off" note="Median of finished stays (bar) and 75th percentile (whisker). Below: entries in the period, moves back out, and companies idle past one decay period now."><TimeInStage stats={stats} />
            <div class="table"><table>
              <thead><tr><th>Stage</th><th>Entered</th><th>Moved back</th><th title="Moved back ÷ entered, in this period">Drop-off rate</th><th>Idle now</th></tr></thead>
              <tbody>{stats.dropOff.map((d) => <tr><td>{STAGE_NAMES[d.stage]}</td><td>{d.entered}</td><td>{d.regressed}</td><td>{pct(d.rate)}</td><td>{d.idle}</td></tr>)}</tbody>
            </table></div>
            <p class="muted small">Drop-off rate = moved back ÷ entered, both counted in the last {days} days.</p>
          </Card>
          <Card title="Content influence" note="Share of forward moves (promotions) in the period preceded by a view of the category within 7 days."><ContentInfluence stats={stats} /></Card>
          <Card title="Needs sales attention" note="Ready to buy, or evaluating with a high-engagement signal in the last 30 days. Open a company for the ledger rows that explain its score." wide>
            <Attention stats={stats} ledgers={ledgers} />
            <p><a href="/dashboard/companies">All companies →</a></p>
          </Card>
        </div>
      </main>
    </Layout>
  );
}
