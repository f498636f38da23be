// Main-thread CPU a script cost, from a Chromium trace: its top-level JS (compile, evaluate, calls, timers, listeners).
interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string; data?: { url?: string; stackTrace?: { url?: string }[] } } }

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', 'v8'];
const JS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.compileModule', 'TimerFire', 'EventDispatch', 'v8.callFunction']);
const LONG_TASK_US = 50_000;

const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? '';

/**
 * Thread time (ms) of the renderer main thread spent in JS of a script whose URL contains `script`: nested events
 * are counted once. `loadMs`: the part before `readFrom` (µs, trace clock). `longTasks`: tasks over 50 ms that ran it.
 */
export function scriptCost(traceJson: string, script: string, readFrom: number) {
  const events: TraceEvent[] = JSON.parse(traceJson).traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const mine = onMain.filter((e) => JS.has(e.name) && urlOf(e).includes(script));
  let cpu = 0;
  let load = 0;
  let end = -1;
  let calls = 0;
  const byName: Record<string, number> = {};
  const list: string[] = []; // each top-level JS event: name, ms since the first, thread ms (BENCH_DEBUG prints it)
  for (const e of mine) {
    if (e.ts < end) continue; // inside an event already counted
    end = e.ts + (e.dur ?? 0);
    const ms = (e.tdur ?? e.dur ?? 0) / 1000;
    cpu += ms;
    calls++;
    byName[e.name] = (byName[e.name] ?? 0) + ms;
    list.push(`${e.name}@${Math.round((e.ts - mine[0].ts) / 1000)}:${ms.toFixed(2)}`);
    if (e.ts < readFrom) load += ms;
  }
  const tasks = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) > LONG_TASK_US);
  const longTasks = tasks.filter((t) => mine.some((e) => e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0))).length;
  return { cpuMs: cpu, loadMs: load, calls, longTasks, byName, list };
}

/** The trace clock (µs) of a mark the page wrote with console.timeStamp / performance.mark. */
export function markTs(traceJson: string, mark: string): number {
  const events: TraceEvent[] = JSON.parse(traceJson).traceEvents;
  const e = events.find((x) => (x.name === mark || (x.args?.data as { message?: string } | undefined)?.message === mark));
  return e?.ts ?? Infinity;
}

/**
 * JS time (ms) of a script by function, from the sampling profiler's ProfileChunk events (trace category
 * `disabled-by-default-v8.cpu_profiler`): each sample goes to the innermost frame of the script, named
 * `name@column` with the builtin or API it was in (e.g. `t@812 > (garbage collector)`).
 */
export function profileByFunction(traceJson: string, script: string): Record<string, number> {
  type Node = { id: number; parent?: number; callFrame: { functionName: string; url?: string; columnNumber: number } };
  const events = JSON.parse(traceJson).traceEvents as { name: string; id?: string; args?: { data?: { cpuProfile?: { nodes?: Node[]; samples?: number[] }; timeDeltas?: number[] } } }[];
  const nodes = new Map<string, Node>();
  const out: Record<string, number> = {};
  for (const e of events.filter((x) => x.name === 'ProfileChunk')) {
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(`${e.id}:${n.id}`, n);
    const samples = data?.cpuProfile?.samples ?? [];
    samples.forEach((s, i) => {
      const leaf = nodes.get(`${e.id}:${s}`);
      let n = leaf;
      while (n && !n.callFrame.url?.includes(script)) n = n.parent ? nodes.get(`${e.id}:${n.parent}`) : undefined;
      if (!n || !leaf) return;
      const key = `${n.callFrame.functionName || '(anonymous)'}@${n.callFrame.columnNumber}${leaf === n ? '' : ` > ${leaf.callFrame.functionName || leaf.callFrame.url}`}`;
      out[key] = (out[key] ?? 0) + (data?.timeDeltas?.[i + 1] ?? 0) / 1000;
    });
  }
  return out;
}
