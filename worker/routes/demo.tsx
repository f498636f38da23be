// GET /demo/…: a small B2B website carrying the snippet tag, showing the visitor's stage as Waymark sees it.
import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../env';
import { ARTICLES, PLANS, TOUR, webinarWav } from '../demo/content';
import { STYLE } from '../demo/style';

export const demo = new Hono<AppEnv>();

/** The queue stub: waymark.*() works before /w.js has loaded (calls wait and are answered in order). */
export const STUB = `window.waymark=window.waymark||{q:[]};["stage","identify","consent","track"].forEach(function(m){waymark[m]=waymark[m]||function(){var a=arguments;return new Promise(function(r){waymark.q.push([m,a,r])})}})`;

// Personalisation as a site would write it: ask for the stage, show what fits it.
const PERSONALISE = `(function(){
var $=function(k){return document.querySelector('[data-wm="'+k+'"]')};
function show(s){
  $('stage').textContent=s?s.stage:'no answer';
  $('company').textContent=s&&s.company?s.company.domain:'not identified yet';
  $('recommended').textContent=s&&s.recommended?s.recommended.join(', '):'–';
  $('note').hidden=!!s;
  var stage=s?s.stage:'target';
  // Served through the personalizing edge: the page arrived with its call to action already chosen.
  if(document.documentElement.hasAttribute('data-waymark-stage'))return;
  document.querySelectorAll('[data-for-stage]').forEach(function(e){e.hidden=e.getAttribute('data-for-stage').split(' ').indexOf(stage)<0});
}
function refresh(){waymark.stage().then(show)}
refresh();
document.addEventListener('visibilitychange',function(){document.hidden||refresh()});
$('refresh').addEventListener('click',refresh);
var c=$('consent');c.checked=!!localStorage.getItem('waymark:v');
c.addEventListener('change',function(){waymark.consent(c.checked)});
})()`;

type Ctx = Context<AppEnv>;
/** The site key: `?site=pk_…` (kept on every link) or the Worker's DEMO_PUBLIC_KEY. */
const siteKey = (c: Ctx) => c.req.query('site') || c.env.DEMO_PUBLIC_KEY;
const linker = (c: Ctx) => (path: string) => (c.req.query('site') ? `${path}?site=${encodeURIComponent(c.req.query('site')!)}` : path);

function Page(props: { c: Ctx; title: string; category?: string; children: Child; head?: Child; media?: boolean }) {
  const key = siteKey(props.c);
  const href = linker(props.c);
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 1l7 7-7 7-7-7z' fill='%232f5bea'/%3E%3C/svg%3E" />
        <title>{props.title} · Northwind Ledger (Waymark demo)</title>
        {props.category && <meta name="waymark:category" content={props.category} />}
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
        <script dangerouslySetInnerHTML={{ __html: STUB }} />
        {key && <script defer src={props.media ? '/w.js?forms&media' : '/w.js?forms'} data-site={key} />}
        {props.head}
      </head>
      <body>
        <header>
          <a class="brand" href={href('/demo')}>◆ Northwind Ledger</a>
          <nav>
            <a href={href('/demo/blog')}>Blog</a>
            <a href={href('/demo/tour')}>Product tour</a>
            <a href={href('/demo/webinar')}>Webinar</a>
            <a href={href('/demo/pricing')}>Pricing</a>
            <a class="cta" href={href('/demo/demo-request')}>Book a demo</a>
          </nav>
        </header>
        {!key && <p class="warn">No site key: open this page with <code>?site=pk_…</code> or set <code>DEMO_PUBLIC_KEY</code> (npm start does).</p>}
        <main>{props.children}</main>
        <aside class="panel" aria-label="What Waymark sees">
          <strong>Waymark sees your company</strong>
          <dl>
            <dt>stage</dt><dd data-wm="stage">…</dd>
            <dt>company</dt><dd data-wm="company">…</dd>
            <dt>recommended</dt><dd data-wm="recommended">…</dd>
          </dl>
          <p data-wm="note" class="small" hidden>No answer: Do-Not-Track or Global Privacy Control is on (Waymark sends nothing), or the Worker is unreachable.</p>
          <label class="small"><input type="checkbox" data-wm="consent" /> remember me on this device (<code>waymark.consent</code>)</label>
          <button type="button" data-wm="refresh">refresh</button>
        </aside>
        <script dangerouslySetInnerHTML={{ __html: PERSONALISE }} />
      </body>
    </html>
    </>
  );
}

demo.get('/', (c) => {
  const href = linker(c);
  return c.html(
    <Page c={c} title="Close the books in three days" category="home">
      <section class="hero">
        <h1>Close the books in three days, not ten.</h1>
        <p>Northwind Ledger turns the month-end close into a live checklist, with reconciliations that match themselves.</p>
        {/* Each call to action carries both markups: data-for-stage for the script below (any host), data-waymark-show/-hide
            for the personalizing edge, which removes the others before the page leaves the Worker (no swap after load). */}
        <p data-for-stage="target education" data-waymark-hide="solution evaluation ready" data-cta="default"><a class="button" href={href('/demo/blog/three-day-close')}>Read: how teams close in three days</a></p>
        <p data-for-stage="solution" data-waymark-show="solution" data-cta="solution" hidden><a class="button" href={href('/demo/tour')}>Take the product tour</a></p>
        <p data-for-stage="evaluation" data-waymark-show="evaluation" data-cta="evaluation" hidden><a class="button" href={href('/demo/demo-request')}>Book a demo with a finance engineer</a></p>
        <p data-for-stage="ready" data-waymark-show="ready" data-cta="ready" hidden><a class="button" href={href('/demo/pricing')}>Talk to your account team about a contract</a></p>
      </section>
      <p class="small">This page changes its call to action with the stage Waymark answers for your company. Read an article, visit pricing twice, or book a demo, then come back.</p>
    </Page>,
  );
});

demo.get('/blog', (c) => {
  const href = linker(c);
  return c.html(
    <Page c={c} title="Blog">
      <h1>Blog</h1>
      <ul class="cards">
        {ARTICLES.map((a) => (
          <li><a href={href(`/demo/blog/${a.slug}`)}><strong>{a.title}</strong></a><p>{a.lede}</p></li>
        ))}
      </ul>
    </Page>,
  );
});

demo.get('/blog/:slug', (c) => {
  const a = ARTICLES.find((x) => x.slug === c.req.param('slug'));
  if (!a) return c.notFound();
  return c.html(
    <Page c={c} title={a.title} category={a.category}>
      <article>
        <h1>{a.title}</h1>
        <p class="lede">{a.lede}</p>
        {a.sections.map(([heading, paragraphs]) => (
          <section><h2>{heading}</h2>{paragraphs.map((p) => <p>{p}</p>)}</section>
        ))}
      </article>
    </Page>,
  );
});

demo.get('/pricing', (c) => {
  const href = linker(c);
  return c.html(
    <Page c={c} title="Pricing" category="pricing">
      <h1>Pricing</h1>
      <div class="plans">
        {PLANS.map((p) => (
          <div class="plan"><h2>{p.name}</h2><p class="price">{p.price} <span class="small">{p.per}</span></p><ul>{p.points.map((x) => <li>{x}</li>)}</ul></div>
        ))}
      </div>
      <p><a class="button" href={href('/demo/demo-request')}>Book a demo</a></p>
    </Page>,
  );
});

demo.get('/demo-request', (c) =>
  c.html(
    <Page c={c} title="Book a demo" category="demo">
      <h1>Book a demo</h1>
      <p>Thirty minutes with a finance engineer, on your own close checklist. Waymark keeps only your email's domain, never the address.</p>
      <form method="post" action={linker(c)('/demo/thanks')} data-waymark-form="demo" class="form">
        <label>Name <input name="name" autocomplete="name" required /></label>
        <label>Work email <input type="email" name="email" autocomplete="email" required /></label>
        <label>Team size <select name="size"><option>1–10</option><option>11–50</option><option>51+</option></select></label>
        <button type="submit">Request a demo</button>
      </form>
    </Page>,
  ),
);

// The form posts here; nothing is stored (the snippet already sent the form event and the domain).
demo.post('/thanks', (c) =>
  c.html(
    <Page c={c} title="Thank you" category="contact">
      <h1>Thank you</h1>
      <p>A finance engineer will write to you within a day. Meanwhile, your company's stage in the panel should have moved to <em>evaluation</em>: refresh it in a second or two.</p>
    </Page>,
  ),
);

demo.get('/webinar', (c) =>
  c.html(
    <Page c={c} title="Webinar: the three-day close" category="product-webinar" media>
      <h1>Webinar recording: the three-day close, live</h1>
      <p>Listen to the recording (a 12-second stand-in). Waymark counts the share you actually played, not how far you skipped ahead.</p>
      <audio controls preload="metadata" src="/demo/media/webinar.wav" data-waymark-category="product-webinar" />
    </Page>,
  ),
);

let wav: Uint8Array<ArrayBuffer> | undefined;
// Byte ranges, so the browser can seek (without them Chromium restarts the file from 0 on a seek).
demo.get('/media/webinar.wav', (c) => {
  const body = (wav ??= webinarWav() as Uint8Array<ArrayBuffer>);
  const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'cache-control': 'public, max-age=86400' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(c.req.header('range') ?? '');
  if (!m || (!m[1] && !m[2])) return c.body(body, 200, headers);
  const start = m[1] ? Number(m[1]) : Math.max(0, body.length - Number(m[2]));
  const end = m[1] && m[2] ? Math.min(Number(m[2]), body.length - 1) : body.length - 1;
  if (start > end) return c.body(null, 416, { 'content-range': `bytes */${body.length}` });
  return c.body(body.slice(start, end + 1), 206, { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}` });
});

// A single-page app: one document, sections swapped with pushState; the snippet sees each path as a page view.
const tourPage = (c: Ctx, section: string) => {
  const s = TOUR[section] ?? TOUR.overview;
  const base = linker(c)('/demo/tour');
  const script = `(function(){var T=${JSON.stringify(TOUR)},q=location.search;
function render(){var k=location.pathname.split('/')[3]||'overview',s=T[k]||T.overview;
document.querySelector('[data-tour=title]').textContent=s.title;document.querySelector('[data-tour=body]').textContent=s.body;
document.querySelector('meta[name="waymark:category"]').content=s.category;document.title=s.title+' · Northwind Ledger (Waymark demo)';}
document.querySelectorAll('[data-tab]').forEach(function(a){a.addEventListener('click',function(e){e.preventDefault();history.pushState({},'',a.getAttribute('href'));render()})});
addEventListener('popstate',render);})()`;
  return c.html(
    <Page c={c} title={s.title} category={s.category}>
      <h1>Product tour</h1>
      <nav class="tabs">
        {Object.entries(TOUR).map(([k, t]) => (
          <a data-tab={k} href={base.replace('/demo/tour', k === 'overview' ? '/demo/tour' : `/demo/tour/${k}`)}>{t.title}</a>
        ))}
      </nav>
      <section class="tour"><h2 data-tour="title">{s.title}</h2><p data-tour="body">{s.body}</p></section>
      <script dangerouslySetInnerHTML={{ __html: script }} />
    </Page>,
  );
};
demo.get('/tour', (c) => tourPage(c, 'overview'));
demo.get('/tour/:section', (c) => tourPage(c, c.req.param('section')));
