// The dashboard's stylesheet (inline, no external assets): readable on a laptop and a phone.
export const CSS = `
:root{color-scheme:light;--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f8fafc;--accent:#4f46e5}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{display:flex;justify-content:space-between;align-items:center;gap:12px;flex-wrap:wrap;padding:12px 20px;background:#fff;border-bottom:1px solid var(--line)}
nav{display:flex;flex-wrap:wrap;gap:6px;align-items:center}nav a{padding:4px 10px;border-radius:999px;color:var(--muted);text-decoration:none;border:1px solid var(--line)}
nav a.on{background:var(--accent);color:#fff;border-color:var(--accent)}nav form{margin:0 0 0 8px}
main{max-width:1180px;margin:0 auto;padding:18px}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-bottom:14px}
.kpis div{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}.kpis b{display:block;font-size:26px}.kpis small{font-size:16px;color:var(--muted)}
.kpis span{color:var(--muted);font-size:13px}
.weakest{background:#fff7ed;border:1px solid #fed7aa;border-radius:10px;padding:12px 16px;margin-bottom:14px}.weakest h2{margin:0 0 4px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#c2410c}.weakest p{margin:0;font-size:16px}
.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:14px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px;min-width:0}.card.wide{grid-column:1/-1}
.card h2{margin:0;font-size:16px}.small{font-size:13px;margin:2px 0 10px}.muted{color:var(--muted)}
.chart{width:100%;height:auto;display:block;font-size:13px}.chart .label{fill:var(--ink);font-weight:600}.chart .value{fill:var(--ink)}
.chart .muted{fill:var(--muted);font-size:12px}.chart .grid{stroke:var(--line)}.chart .whisker{stroke:var(--ink);stroke-width:2}
.bars{display:grid;grid-template-columns:minmax(5em,max-content) minmax(3em,1fr) max-content;gap:7px 10px;align-items:center;margin-top:6px;font-size:14px}.row{display:contents}
.row .name{font-weight:600;overflow-wrap:anywhere;max-width:14em}.row .bar{width:100%;height:22px;display:block}.row .num{text-align:right;white-space:nowrap}.row small{color:var(--muted);font-size:12px}
.big{font-size:15px;margin:4px 0 8px}.big b{font-size:28px;margin-right:6px}.spark{height:60px;margin-top:12px}h3{font-size:14px;margin:14px 0 4px}.steps{margin:0;padding-left:18px;font-size:14px}.steps li{margin:3px 0}
.empty{background:#eef2ff;border-color:#c7d2fe;margin-bottom:14px}.empty pre{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:0 0 10px}.filters label{display:grid;gap:2px;font-size:12px;color:var(--muted)}.filters input,.filters select{font:inherit;padding:6px 8px;border:1px solid #cbd5e1;border-radius:8px;background:#fff}
a.button{display:inline-block;padding:7px 12px;border-radius:8px;border:1px solid var(--accent);color:var(--accent);text-decoration:none}.pager{display:flex;gap:12px;align-items:center;margin-top:10px}
.timeline{list-style:none;margin:8px 0 0;padding:0 0 0 14px;border-left:2px solid var(--line)}.timeline li{position:relative;margin:0 0 10px;padding-left:8px}.timeline li::before{content:"";position:absolute;left:-21px;top:5px;width:10px;height:10px;border-radius:50%;background:var(--accent)}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:10px 0}.facts div{background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px 12px}.facts b{display:block;font-size:20px}.facts span{color:var(--muted);font-size:13px}
td.num,th.num{text-align:right}.nowrap{white-space:nowrap}a{color:var(--accent)}
.whisker{stroke:var(--ink);stroke-width:2}
.legend{display:flex;flex-wrap:wrap;gap:10px;font-size:13px;color:var(--muted);margin:8px 0 0}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
.table{overflow-x:auto;margin-top:10px}table{width:100%;border-collapse:collapse;font-size:14px}th,td{text-align:left;padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:500;font-size:13px}summary{cursor:pointer}.ledger{margin:6px 0 2px;padding-left:18px;font-size:13px}
.pill{display:inline-block;padding:1px 8px;border-radius:999px;color:#fff;font-size:12px;white-space:nowrap}.tag{margin-left:6px;font-size:11px;padding:0 6px;border-radius:4px;background:#f1f5f9;color:var(--muted)}
.pos{color:#047857}.neg{color:#b91c1c}code{font-size:12px;background:#f1f5f9;padding:0 4px;border-radius:3px}
button{font:inherit;padding:8px 14px;border-radius:8px;border:0;background:var(--accent);color:#fff;cursor:pointer}button.link{background:none;color:var(--muted);padding:4px 6px;text-decoration:underline}
.signin{max-width:420px;margin:12vh auto;background:#fff;border:1px solid var(--line);border-radius:12px;padding:24px}
.signin form{display:grid;gap:8px}.signin input{font:inherit;padding:9px 10px;border:1px solid #cbd5e1;border-radius:8px}.error{color:#b91c1c;font-weight:600}
@media (max-width:760px){.bars{font-size:13px;gap:6px}.row .name{max-width:9em}.hide-phone{display:none}.grid{grid-template-columns:1fr}.kpis{grid-template-columns:repeat(2,1fr)}main{padding:10px}header{padding:10px}}
`;
