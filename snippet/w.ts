// Waymark's browser snippet: measures how a page is read, beacons it to the Worker, answers waymark.stage().
// One IIFE, guards first. Wire format: worker/ingest/wire-format.ts. Build: scripts/build-snippet.ts (flags below).
import type { WireEvent } from '../worker/ingest/wire-format';
import type { Waymark, WaymarkTrackFields } from './waymark';

declare const WAYMARK_FORMS: boolean; // track form submits (and the email domain they carry)
declare const WAYMARK_MEDIA: boolean; // track <video>/<audio> completion
declare const WAYMARK_SPA: boolean; // a new path (pushState, replaceState, popstate) starts a new page view

type PlayedMedia = HTMLMediaElement & { wmPlayed?: number; wmAt?: number; wmId?: string; wmSent?: number };
/** The queue stub a page may define before the script loads holds [method, arguments, resolve]. */
type Stub = { q?: [keyof Waymark, ArrayLike<unknown>, (v: unknown) => void][] };

((w, d, n: Navigator & { globalPrivacyControl?: boolean }, M: Math) => {
  const IDLE_MS = 30_000; // a reader counts as active this long after their last input
  const SESSION_IDLE_MS = 30 * 60_000;
  // The one timer samples every 10 s: each wake-up of a page's main thread has a cost. Engaged time is exact all the
  // same: each sample (and the leave beacon) credits the time since the last one, up to 30 s after the last input
  // (a scroll, which the sampler sees by itself, counts as input at the sample that sees it: at most 10 s late).
  const TICK_MS = 10_000;
  const PERIODIC_MS = 60_000; // a long read also beacons every minute of engagement, in case the leave beacon is lost
  const SLICES = 20; // the main content is cut in slices; completion = share of slices read
  // A slice counts as read after it was in view for its words at this speed, twice a typical reader's: a skim
  // earns little. Each engaged tick is shared among the slices in view.
  const READ_MS_PER_WORD = 6.52; // 60,000 / 460 words a minute / SLICES: ms a slice needs per word of the content
  const VISITOR = 'waymark:v';
  const SESSION = 'waymark:s';

  const prev = w.waymark as (Waymark & Stub) | undefined;
  if (prev && !prev.q) return; // already running (tag included twice)
  const script = d.currentScript as HTMLScriptElement | null;
  const key = script?.dataset.site;
  // The object the page sees: exactly snippet/waymark.d.ts (the published types), checked here by the compiler.
  const install = (api: Waymark) => {
    w.waymark = api;
    (prev as Required<Stub> | undefined)?.q.forEach(([m, args, resolve]) => resolve((api[m] as (...a: unknown[]) => unknown)(...(args as unknown[]))));
  };
  const nothing = async () => null;
  if (n.doNotTrack == (1 as any) || n.globalPrivacyControl || !key) {
    // Do-Not-Track or Global Privacy Control: no request of any kind, not even stage(). Every call answers null.
    return install({ stage: nothing, identify: nothing, consent: nothing, track: nothing });
  }

  const base = new URL(script!.src).origin;
  const now = Date.now;
  // Ids need to be unique, not secret (Math.random: crypto's first call costs the page ~0.7 ms of main thread).
  const rid = () => M.random().toString(36).slice(2);
  const min1 = (x: number) => M.min(x, 1);
  const round = (x: number) => +min1(x).toFixed(2);
  // Capture phase: sees media events (they do not bubble) and runs before page handlers can stop them.
  const on = (t: EventTarget, types: string, fn: (e: any) => void, opts: boolean | AddEventListenerOptions = true) =>
    types.split(' ').map((type) => t.addEventListener(type, fn, opts));

  let visitor: string | undefined; // only after waymark.consent(true): a first-party id in localStorage
  let identified: string | false | undefined; // a company domain waiting to go out with the next beacon
  let sess: { i: string; b: number; l: number } | undefined; // read once: sessionStorage is per tab anyway
  // Both throw where storage is blocked (one setting blocks both); the session's JSON.parse throws on the first page.
  try {
    visitor = localStorage[VISITOR];
    sess = JSON.parse(sessionStorage[SESSION]);
  } catch {}

  // Input (a keyboard reader scrolls, a touch reader scrolls or taps). The listeners are registered once each and
  // only while needed: to wake the sampler after 30 s idle (or at load), and to see a pointer that moved while the
  // page did not scroll. A scroll the sampler sees by itself (scrollY moved), so a reader who scrolls costs no call.
  let lastInput: number; // never at load: engaged time starts at the reader's first input
  let timer: any; // the sampler's next sample: set only while the page is visible and read
  let since: number; // the time engaged time is credited up to: the last sample, or the input that started the sampler
  let y: number; // the scroll position at the last sample
  // The scroll position as of the last frame, which the browser keeps for scroll-driven animations (in % of the
  // range): reading it forces no style or layout update, unlike scrollY (~0.5 ms when a tab is left: losing focus
  // restyles the whole document just before, and a bigger page costs more). Where there are none, scrollY.
  let timeline: any;
  try { timeline = new (w as any).ScrollTimeline(); } catch {}
  const wake = () => {
    lastInput = now();
    if (!d.hidden && !timer) (since = lastInput), (timer = setTimeout(tick, TICK_MS));
  };
  // Registering a registered listener again is a no-op: arm() may run at any time.
  const arm = () => on(w, 'scroll pointerdown pointermove', wake, { once: true });

  // Page-view state, reset by newView().
  let view: string | undefined;
  let path: string;
  let category: string | undefined;
  let engaged: number; // ms
  let depth: number;
  let dwell: number[]; // ms each slice was read
  let last: string; // the view's update as last sent (its id too: a new view's first update always differs)
  // The content's geometry, measured once per view and again only after a resize (its words: per beacon).
  let content: HTMLElement;
  let top: number;
  let slice: number; // px; 0: measure again
  let vh: number; // innerHeight (on phones reading it forces a layout)
  let range: number; // px the page scrolls
  // The content's or the document's size changed (late images, text added, a banner, a resize): measure again.
  // Observed from the start, so its first notification comes before the first measure, not after it.
  const ro = new ResizeObserver(() => (slice = 0));
  /** The scroll position, px; measures the content first when needed. */
  const scrolled = (): number => {
    if (!slice) {
      const r = content.getBoundingClientRect();
      top = r.top + scrollY;
      slice = r.height / SLICES;
      range = d.documentElement.scrollHeight - (vh = innerHeight);
    }
    return timeline ? (timeline.currentTime?.value * range) / 100 || 0 : scrollY;
  };
  ro.observe(d.documentElement);

  const send = (e: WireEvent[]) => {
    const t = now();
    // a: automation that runs JavaScript: WebDriver says so, or a browser with no languages (headless setups). Headless
    // Chromium also names itself in its user agent and client hints, which the Worker reads from the request headers.
    // The session: a new one after 30 minutes without a beacon.
    if (!sess || t - sess.l > SESSION_IDLE_MS) sess = { i: rid(), b: t } as typeof sess & {};
    sess.l = t;
    try { sessionStorage[SESSION] = JSON.stringify(sess); } catch {}
    const body = JSON.stringify({ k: key, v: visitor, s: sess.i, sm: t - sess.b, a: n.webdriver || !n.languages[0] || undefined, id: identified, e });
    identified = undefined;
    // A text/plain body is a CORS-safelisted request: never a preflight. A keepalive fetch outlives the page, and
    // works where sendBeacon is missing or refused (a privacy setting); the Worker answers the site's origins
    // with CORS, so no error reaches the console.
    fetch(base + '/v1/collect', { method: 'POST', body, keepalive: true }).catch(nothing);
  };

  /** The domain of an email address (or a domain itself): the address never leaves the page. */
  const domainOf = (x?: string) => x?.split('@').pop(); // the server checks it is a company domain

  /**
   * Credits the time since the last sample (the sampler running: engaged while focused, until 30 s after the last
   * input) to engaged time and to the slices whose middle is in view now; scroll depth. Returns the ms credited.
   */
  const sample = (t = now(), ms = M.min(t, lastInput + IDLE_MS) - since) => {
    since = t;
    engaged += ms = timer && ms > 0 && d.hasFocus() ? ms : 0;
    const from = (scrolled() - top) / slice; // the viewport's top and bottom, in slices (scrolled() first: it measures)
    const to = from + vh / slice;
    depth = M.max(depth, to / SLICES); // how far down the content the reader got
    // Each slice in view gets its share of the viewport: a full screen of content shares the time among its slices.
    for (let i = SLICES; i--; ) if (i + 0.5 > from && i + 0.5 < to) dwell[i] = ~~dwell[i] + ms / (to - from);
    return ms;
  };

  /** Sends pending events plus the page view's figures that changed since they were last sent. */
  const flush = (e: WireEvent[] = []) => {
    if (!view) return; // not shown yet (prerendering)
    sample();
    // Once per beacon, never per sample; textContent (hidden text counts) needs no layout, unlike innerText (~10×).
    const words = content.textContent!.match(/\S+/g)?.length || 1;
    // A slice is read after words × READ_MS_PER_WORD ms of dwell (words ≥ 1: a division).
    const update: WireEvent = { i: view, r: 1, m: engaged, d: round(depth), p: round(dwell.reduce((a, x) => a + min1(x / words / READ_MS_PER_WORD), 0) / SLICES), w: words };
    const json = JSON.stringify(update);
    // An update of the page view when a figure changed; w with m, for attention = engaged ÷ expected reading time.
    if (json != last) e.push(update), (last = json);
    if (WAYMARK_MEDIA)
      d.querySelectorAll<PlayedMedia>('video,audio').forEach((el) => {
        const played = M.round(min1(el.wmPlayed! / el.duration) * 100);
        // One id per element: a player that lives on across SPA views keeps updating its one event.
        if (el.wmPlayed && played != el.wmSent)
          e.push({ i: (el.wmId ||= rid()), t: 'md', r: 1, c: el.dataset.waymarkCategory || category, u: path, p: (el.wmSent = played) / 100 });
      });
    if (e.length) send(e);
  };

  const newView = () => {
    view = rid();
    path = location.pathname; // never the query string: it may carry personal data
    category = d.querySelector<HTMLMetaElement>('meta[name="waymark:category"]')?.content || d.body.dataset.waymarkCategory;
    engaged = depth = 0;
    dwell = [];
    content = (d.querySelector('[data-waymark-content]') || d.querySelector('article') || d.querySelector('main') || d.body) as HTMLElement;
    ro.observe(content);
    slice = 0;
    send([{ i: view, t: 'pv', c: category, u: path }]);
  };

  /** One sample (every 10 s while the reader is active): engaged time, scroll depth, the slices in view. */
  const tick = (at?: number) => { // at: a local (a parameter costs no `let` in the minified code)
    const t = now();
    // SPA: any new path is a new page view, whichever history call or router made it.
    if (WAYMARK_SPA && location.pathname != path) flush(), newView();
    // A scroll is input seen here, with no listener; else listen for the pointer until the next sample.
    (at = scrolled()) != y ? ((y = at), (lastInput = t)) : arm();
    // A beacon each time engaged time passes a whole minute (a sample credits less than a minute).
    if (sample(t) > engaged % PERIODIC_MS) flush();
    timer = t - lastInput < IDLE_MS && setTimeout(tick, TICK_MS); // idle: nothing runs until the next input (armed above)
  };

  const start = () => {
    newView();
    arm();
    if (WAYMARK_MEDIA)
      // Media playing keeps the reader active. Seconds actually played: steps of currentTime between timeupdates
      // (4 a second); a seek is a bigger step and does not count. (el.played is no help: Chromium merges its ranges.)
      on(w, 'timeupdate', ({ target: el }: { target: PlayedMedia }) => {
        const step = el.currentTime - el.wmAt!;
        if (step > 0 && step < el.playbackRate) el.wmPlayed = (el.wmPlayed || 0) + step;
        el.wmAt = el.currentTime;
        wake();
      });
    // Leaving: the tab hidden (switching away, closing, mobile backgrounding, or the page unloaded). Nothing runs
    // while the tab is hidden: the sampler stops, and the next input once it is shown starts it again (a page
    // restored from the back/forward cache resumes its page view).
    // (A page being unloaded turns hidden after pagehide: that visibilitychange carries the leave beacon.)
    on(w, 'visibilitychange', () => {
      d.hidden ? flush() : arm(); // the leave beacon first: it credits the time since the last sample
      timer = clearTimeout(timer); // undefined: the next input starts the sampler again
    });

    if (WAYMARK_FORMS)
      on(d, 'submit', (e: SubmitEvent) => {
        const form = e.target as HTMLFormElement;
        const kind = form.dataset.waymarkForm;
        const email = form.querySelector<HTMLInputElement>('[type=email]')?.value;
        if (kind || email) { // not search forms
          identified = domainOf(email) || identified;
          // Without data-waymark-form the server takes the kind from the page category, else 'contact'.
          flush([{ i: rid(), t: 'fm', c: category, u: path, f: kind }]);
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
    /** Takes an email or a domain; only the domain leaves the page, with the page view's update. */
    identify: (emailOrDomain: string) => {
      identified = domainOf(emailOrDomain) || identified;
      flush([{ i: view!, r: 1 }]); // an update that changes nothing but carries the domain
    },
    consent: (granted: boolean) => {
      try {
        if (granted) localStorage[VISITOR] = visitor ||= rid() + rid();
        else (visitor = undefined), delete localStorage[VISITOR];
      } catch {}
    },
    /** track('download' | 'tool' | 'media' | 'form', { category, form, completion, engagedMs, id }) sends its own beacon. */
    track: (type: WireEvent['t'], f: WaymarkTrackFields = {}) =>
      send([{ i: f.id || rid(), t: type, c: f.category || category, u: path, f: f.form, m: f.engagedMs, p: f.completion }]),
  });
})(window, document, navigator, Math);

export {};
