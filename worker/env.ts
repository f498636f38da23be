// The one Env type: every binding and variable the Worker sees.
export interface Env {
  DB: D1Database;
  BEACONS: Queue<BeaconMessage>;
  WEBHOOKS: Queue<WebhookMessage>;
  /** One Durable Object per site that serialises its ingest writers (worker/ingest/gate.ts). */
  INGEST_GATE?: DurableObjectNamespace<import('./ingest/gate').IngestGate>;
  PUBLIC_LIMIT?: RateLimit;
  /** Static assets (assets/): mail-domains.bin, the free-mail and disposable table (identity/mail-domains.ts). */
  ASSETS?: Fetcher;
  ADMIN_TOKEN?: string;
  /** Public key of the demo site served at /demo (npm start sets it; `?site=` overrides). */
  DEMO_PUBLIC_KEY?: string;
  /** Optional IP → domain enrichment endpoint for the generic provider: GET ?ip= → { domain, name? }. */
  ENRICH_URL?: string;
  /** Enrichment provider: generic (ENRICH_URL), ipinfo, ipapi.is or ipregistry (see docs/identity.md). */
  ENRICH_PROVIDER?: string;
  /** The provider's API key or token (a Worker secret). */
  ENRICH_KEY?: string;
  /** DNS-over-HTTPS JSON endpoint for reverse DNS; unset: Cloudflare's resolver; empty: reverse DNS off. */
  DOH_URL?: string;
  /** Days to keep raw events; default 396 (13 months). */
  RETENTION_DAYS?: string;
  /** Worker secret that encrypts webhook signing secrets at rest (optional; see docs/webhooks.md). */
  WEBHOOK_KEY?: string;
  /** "1" lets webhooks go to http(s)://localhost (npm start, local tests); never set in wrangler.toml. */
  ALLOW_LOCAL_WEBHOOKS?: string;
  /** Default lookup budget of the personalizing edge in ms (a site's own budgetMs wins); 50 when unset. */
  PERSONALIZE_BUDGET_MS?: string;
  /** Seconds a public stage answer is cached at the edge (1–60, 0 = off); default 30. The staleness bound. */
  STAGE_CACHE_TTL_S?: string;
  /** "1" in local development only: PUT /v1/personalize then accepts http:// origins on this machine. */
  PERSONALIZE_LOCAL_HTTP?: string;
  /** "1" only under `npm run bench`: mounts /__bench (never set in wrangler.toml). */
  BENCH?: string;
}

/** A browser beacon as queued by /v1/collect: already validated and normalised. */
export interface BeaconMessage {
  siteId: string;
  receivedAt: number;
  events: import('./ingest/types').IngestEvent[];
  /** What the resolver needs: IP and network facts (never written to D1), UA, language, visitor id, identified domain. */
  ctx: import('./ingest/types').ResolveContext;
}

export interface WebhookMessage {
  deliveryId: string;
  attempt: number;
}

/** A site as routes see it (keys never included). */
export interface Site {
  id: string;
  name: string;
  publicKey: string;
  origins: string[];
  /** The site's raw rule overrides (validated by the scoring module before storing). */
  rules: Record<string, unknown>;
  createdAt: number;
}

/** Hono generics shared by every route group. */
export interface AppEnv {
  Bindings: Env;
  Variables: { site: Site };
}
