// The streaming HTML rewrite of a personalized page: the stage on <html>, stage-listed elements kept or removed, the tag injected.

/** The stage ids an attribute lists ("evaluation ready", commas allowed), lowercased. */
const listed = (value: string | null) => (value ?? '').toLowerCase().split(/[\s,]+/).filter(Boolean);

/** True when a script element is already the Waymark tag (its src is …/w.js, or it carries data-site). */
const isTag = (el: Element) => el.hasAttribute('data-site') || /\/w\.js(?:[?#]|$)/.test(el.getAttribute('src') ?? '');

/**
 * Rewrites an HTML response as it streams (nothing is buffered): `<html data-waymark-stage>`, elements whose
 * `data-waymark-show` does not list the stage removed, those whose `data-waymark-hide` lists it removed, and
 * `tag` (when given) inserted before `</head>` unless the page already loads the snippet.
 */
export function rewriteHtml(res: Response, stage: string, tag: string | null): Response {
  let hasTag = false;
  const rw = new HTMLRewriter()
    .on('html', { element: (el) => void el.setAttribute('data-waymark-stage', stage) })
    .on('[data-waymark-show]', { element: (el) => void (listed(el.getAttribute('data-waymark-show')).includes(stage) || el.remove()) })
    .on('[data-waymark-hide]', { element: (el) => void (listed(el.getAttribute('data-waymark-hide')).includes(stage) && el.remove()) });
  if (tag)
    rw.on('script', { element: (el) => void (hasTag ||= isTag(el)) }).on('head', {
      element: (el) => el.onEndTag((end) => void (hasTag || end.before(tag, { html: true }))),
    });
  return rw.transform(res);
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The snippet tag for a site, as a site owner would paste it. */
export const snippetTag = (src: string, publicKey: string) => `<script defer src="${attr(src)}" data-site="${attr(publicKey)}"></script>`;
