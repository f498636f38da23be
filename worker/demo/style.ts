// The demo website's stylesheet: plain CSS, readable on a laptop and a phone.
export const STYLE = `
:root{--ink:#1d2433;--muted:#5b6477;--brand:#2f5bea;--bg:#f7f8fb;--card:#fff;--line:#e3e6ee}
*{box-sizing:border-box}body{margin:0;font:17px/1.65 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.9rem 1.5rem;background:var(--card);border-bottom:1px solid var(--line)}
.brand{font-weight:700;color:var(--ink);text-decoration:none}nav a{margin-left:1rem;color:var(--muted);text-decoration:none}nav a:hover{color:var(--brand)}
nav a.cta,.button,button{background:var(--brand);color:#fff;border:0;border-radius:6px;padding:.45rem .9rem;text-decoration:none;font:inherit;cursor:pointer}
main{max-width:44rem;margin:2rem auto 14rem;padding:0 1.25rem}h1{font-size:2.1rem;line-height:1.2}h2{margin-top:2rem}
.lede{font-size:1.2rem;color:var(--muted)}.small{font-size:.85rem;color:var(--muted)}.hero{padding:2rem 0}html[data-waymark-stage] [data-waymark-show][hidden]{display:block}
.cards{list-style:none;padding:0}.cards li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.2rem;margin:1rem 0}
.plans{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:1rem}.plan{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem}
.price{font-size:1.6rem;font-weight:700}.form{display:grid;gap:.9rem;max-width:26rem}.form input,.form select{display:block;width:100%;padding:.45rem;font:inherit;border:1px solid var(--line);border-radius:6px}
.tabs a{margin:0 1rem 0 0}.tour{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.4rem;margin-top:1rem}
.warn{background:#fff4d6;padding:.6rem 1.5rem;margin:0}
.panel{position:fixed;right:1rem;bottom:1rem;width:19rem;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;box-shadow:0 6px 24px #1d243322;font-size:.85rem}
.panel dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .8rem;margin:.5rem 0}.panel dt{color:var(--muted)}.panel dd{margin:0;font-weight:600}
.panel button{padding:.2rem .6rem;font-size:.8rem;margin-top:.4rem}
/* The panel floats beside the text only where there is room for both (44rem of text + 2 × 20rem); elsewhere it sits under the header. */
@media (max-width:88rem){body{display:flex;flex-direction:column}header,.warn{order:-2}.panel{order:-1;position:static;width:calc(100% - 2.5rem);max-width:44rem;margin:1rem auto 0;box-shadow:none}
.panel dl{grid-template-columns:repeat(auto-fill,minmax(7rem,auto) minmax(6rem,1fr))}main{width:calc(100% - 2.5rem);margin:1.5rem auto 3rem;padding:0}}
`;
