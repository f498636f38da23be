// Counts D1 round trips (each first/all/run/raw or batch = 1) and their time: the meter behind Server-Timing.

export interface DbMeter {
  trips: number;
  ms: number;
}

const RAW = Symbol('raw statement');
const METER = Symbol('meter');
const CALLS = new Set(['first', 'all', 'run', 'raw']);

async function timed<T>(meter: DbMeter, p: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  meter.trips++;
  try {
    return await p();
  } finally {
    meter.ms += performance.now() - t0;
  }
}

function meteredStatement(stmt: D1PreparedStatement, meter: DbMeter): D1PreparedStatement {
  return new Proxy(stmt, {
    get(target, prop) {
      if (prop === RAW) return target;
      if (prop === 'bind') return (...args: unknown[]) => meteredStatement(target.bind(...args), meter);
      const value = Reflect.get(target, prop, target);
      if (typeof prop === 'string' && CALLS.has(prop)) return (...args: unknown[]) => timed(meter, () => value.apply(target, args));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A D1Database that counts round trips into `meter`; statements it prepares may be batched by it. */
export function meteredDb(db: D1Database, meter: DbMeter): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === METER) return meter;
      if (prop === 'prepare') return (sql: string) => meteredStatement(target.prepare(sql), meter);
      if (prop === 'batch')
        return (stmts: D1PreparedStatement[]) =>
          timed(meter, () => target.batch(stmts.map((s) => ((s as any)[RAW] as D1PreparedStatement | undefined) ?? s)));
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Round trips made elsewhere on this request's behalf (e.g. inside a Durable Object) count in its Server-Timing. */
export function addTrips(db: D1Database, trips: number, ms: number): void {
  const meter = (db as unknown as Record<symbol, DbMeter | undefined>)[METER];
  if (meter) (meter.trips += trips), (meter.ms += ms);
}

export function serverTiming(meter: DbMeter): string {
  return `db;dur=${meter.ms.toFixed(1)};desc="${meter.trips}"`;
}

