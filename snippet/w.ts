// Waymark's browser snippet: measures how a page is read, beacons it to the Worker, answers waymark.stage().
// One IIFE, guards first. Wire format: worker/ingest/wire.ts. Build: scripts/build-snippet.ts (flags below).
declare const WAYMARK_FORMS: boolean; // track form submits (and the email domain they carry)
declare const WAYMARK_MEDIA: boolean; // track <video>/<audio> completion
declare const WAYMARK_SPA: boolean; // a new path (pushState, replaceState, popstate) starts a new page view

interface WireEvent { i: string; t: string; r?: 1; c?: string; u?: string; m?: number; d?: number; p?: number; w?: number; f?: string }
type PlayedMedia = HTMLMediaElement & { wmPlayed?: number; wmAt?: number; wmId?: string };
type Api = Record<'stage' | 'identify' | 'consent' | 'track', (...a: any[]) => any>;
/** The queue stub a page may define before the script loads holds [method, arguments, resolve]. */
type Stub = { q?: [keyof Api, ArrayLike<unknown>, (v: unknown) => void][] };
declare global { interface Window { waymark?: Api & Stub } }

((w, d, n: Navigator & { globalPrivacyControl?: boolean }) => {
  const IDLE_MS = 30_000; // a reader counts as active this long after their last input
  const SESSION_IDLE_MS = 30 * 60_000;
  const PERIODIC_MS = 15_000; // new engagement that earns its own beacon on a long read
  const SLICES = 20; // the main content is cut in slices; completion = share of slices seen
  const VISITOR = 'waymark:v';
  const SESSION = 'waymark:s';

  const prev = w.waymark;
  if (prev && !prev.q) return; // already running (tag included twice)
  const script = d.currentScript as HTMLScriptElement | null;
  const key = script?.dataset.site;
  const install = (api: Api) => {
    w.waymark = api;
    prev?.q?.forEach(([m, args, resolve]) => resolve(api[m](...(args as unknown[]))));
  };
  const nothing = async () => null;
  if (n.doNotTrack == (1 as any) || n.globalPrivacyControl || !key) {
    // Do-Not-Track or Global Privacy Control: no request of any kind, not even stage(). Every call answers null.
    install({ stage: nothing, identify: nothing, consent: nothing, track: nothing });
    return;
  }

  const base = new URL(script!.src).origin;
  const now = Date.now;
  const rid = () => crypto.getRandomValues(new Uint32Array(3)).join('');
  const min1 = (x: number) => Math.min(x, 1);
  // Capture phase: sees media events (they do not bubble) and runs before page handlers can stop them.
  const on = (t: EventTarget, types: string, fn: (e: any) => void) => types.split(' ').map((type) => t.addEventListener(type, fn, true));

  let visitor: string | undefined; // only after waymark.consent(true): a first-party id in localStorage
  try { visitor = localStorage[VISITOR]; } catch {}

  let identified: string | false | undefined; // a company domain waiting to go out with the next beacon
  let sess: { i: string; b: number; l: number } | undefined; // read once: sessionStorage is per tab anyway
  try { sess = JSON.parse(sessionStorage[SESSION]); } catch {} // throws where storage is blocked

  // Page-view state, reset by newView().
  let view = '';
  let path = '';
  let category: string | undefined;
  let engaged = 0; // ms
  let lastInput = 0;
  let depth = 0;
  let seen = new Set<number>();
  const sent: Record<string, string> = {}; // event id → JSON last sent: resend only what changed

  const send = (e: WireEvent[]) => {
    const t = now();
    // The session: a new one after 30 minutes without a beacon.
    if (!sess || t - sess.l > SESSION_IDLE_MS) sess = { i: rid(), b: t } as typeof sess & {};
    sess.l = t;
    try { sessionStorage[SESSION] = JSON.stringify(sess); } catch {}
    const body = JSON.stringify({ k: key, v: visitor, s: sess.i, sm: t - sess.b, a: n.webdriver, id: identified, e });
    const url = base + '/v1/collect';
    identified = undefined;
    // A text/plain body is a CORS-safelisted request: never a preflight. Where sendBeacon is missing or
    // refuses (disabled by a privacy setting, or over its queue quota), a keepalive fetch still outlives
    // the page; no-cors, as its answer is never read and a CORS error would reach the console.
    n.sendBeacon?.(url, body) || fetch(url, { method: 'POST', body, keepalive: true }).catch(nothing);
  };

  /** The domain of an email address (or a domain itself): the address never leaves the page. */
  const domainOf = (x?: string) => x?.split('@').pop(); // the server checks it is a company domain

  const content = () => (d.querySelector('[data-waymark-content]') || d.querySelector('article') || d.querySelector('main') || d.body) as HTMLElement;

  const scrolled = () => (depth = Math.max(depth, (scrollY + innerHeight) / d.body.scrollHeight));

  const event = (t: string, x?: Partial<WireEvent>, i = rid()): WireEvent => ({ i, t, c: category, u: path, ...x });
  // The page view's figures so far (r: 1 = an update of event `view`, cumulative).
  const pageEvent = () =>
    event('pv', { r: 1, m: engaged, d: min1(scrolled()), p: seen.size / SLICES, w: content().innerText.split(/\s+/).length }, view);

  /** Sends pending events plus every measurement that changed since it was last sent. */
  const flush = (e: WireEvent[] = []) => {
    if (!view) return; // not shown yet (prerendering)
    const ifChanged = (ev: WireEvent) => {
      const json = JSON.stringify(ev);
      if (sent[ev.i] != json) e.push(ev), (sent[ev.i] = json);
    };
    ifChanged(pageEvent());
    if (WAYMARK_MEDIA)
      d.querySelectorAll<PlayedMedia>('video,audio').forEach((el) => {
        const played = el.wmPlayed;
        // One id per element: a player that lives on across SPA views keeps updating its one event.
        const id = (el.wmId ||= rid());
        if (played)
          ifChanged(event('md', { r: 1, c: el.dataset.waymarkCategory || category, // r: 1 on a new id just stores it
            p: min1(played / el.duration) }, id));
      });
    if (e.length) send(e);
  };

  const newView = () => {
    view = rid();
    path = location.pathname; // never the query string: it may carry personal data
    category = d.querySelector<HTMLMetaElement>('meta[name="waymark:category"]')?.content || d.body.dataset.waymarkCategory;
    engaged = depth = 0;
    lastInput = now();
    seen = new Set();
    send([event('pv', {}, view)]);
  };

  const start = () => {
    newView();
    on(w, 'scroll pointerdown pointermove', () => (lastInput = now()));
    if (WAYMARK_MEDIA)
      // Media playing keeps the reader active. Seconds actually played: steps of currentTime between timeupdates
      // (4 a second); a seek is a bigger step and does not count. (el.played is no help: Chromium merges its ranges.)
      on(w, 'timeupdate', ({ target: el }: { target: PlayedMedia }) => {
        const step = el.currentTime - el.wmAt!;
        if (step > 0 && step < el.playbackRate) el.wmPlayed = (el.wmPlayed || 0) + step;
        el.wmAt = el.currentTime;
        lastInput = now();
      });
    // Leaving: the tab hidden (switching away, closing, mobile backgrounding) or the page unloaded (Chromium
    // keeps a navigating page "visible" until pagehide). flush() sends only what changed, so both are safe.
    on(w, 'visibilitychange', () => d.hidden && flush());
    on(w, 'pagehide', () => flush());
    on(w, 'pageshow', (e: PageTransitionEvent) => e.persisted && newView()); // restored from the back/forward cache
    // Each second: engaged time (visible, focused, reader active within IDLE_MS) and the content slices in view.
    // Sampling also means a slice only counts when it stayed in view, not when it flew past in a skim.
    setInterval(() => {
      // SPA: any new path is a new page view, whichever history call or router made it.
      if (WAYMARK_SPA && location.pathname != path) flush(), newView();
      else if (d.hasFocus() && now() - lastInput < IDLE_MS) { // a hidden page never has focus
        engaged += 1000;
        const r = content().getBoundingClientRect();
        for (let i = SLICES; i--; ) {
          const y = r.top + ((i + 0.5) * r.height) / SLICES; // the slice's middle
          if (y >= 0 && y <= innerHeight) seen.add(i);
        }
        if (engaged % PERIODIC_MS == 0) flush(); // every 15 s of engagement on a long read
      }
    }, 1000);

    if (WAYMARK_FORMS)
      on(d, 'submit', (e: SubmitEvent) => {
        const form = e.target as HTMLFormElement;
        const kind = form.dataset.waymarkForm;
        const email = form.querySelector<HTMLInputElement>('[type=email]')?.value;
        if (kind || email) { // not search forms
          identified = domainOf(email) || identified;
          // Without data-waymark-form the server takes the kind from the page category, else 'contact'.
          flush([event('fm', { f: kind })]);
        }
      });
  };

  // Start first, so that calls queued by the stub see the page view (its path and category).
  if ((d as any).prerendering) on(d, 'prerenderingchange', start); // a prerendered page counts once shown
  else start();
  install({
    stage: () =>
      fetch(`${base}/v1/stage?site=${key}&visitor=${visitor || ''}`) // URL-safe; empty: the server's anonymous id
        .then((r) => (r.ok ? r.json() : null), nothing), // null when the Worker cannot answer
    /** Takes an email or a domain; only the domain leaves the page. */
    identify: (emailOrDomain: string) => {
      identified = domainOf(emailOrDomain) || identified;
      delete sent[view]; // resend the page view so the domain has an event to travel with
      flush();
    },
    consent: (granted: boolean) => {
      try {
        if (granted) localStorage[VISITOR] = visitor ||= rid();
        else (visitor = undefined), delete localStorage[VISITOR];
      } catch {}
    },
    /** track('download' | 'tool' | 'media' | 'form', { category, form, completion, engagedMs, id }) sends its own beacon. */
    track: (type: string, f: Record<string, any> = {}) =>
      send([event(type, { c: f.category || category, f: f.form, m: f.engagedMs, p: f.completion }, f.id)]),
  });
})(window, document, navigator);

export {};
