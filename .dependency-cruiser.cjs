// Import rules for worker/ (npm run lint:deps): no cycles, a pure scoring core, and the core never reaching into HTTP.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A value import cycle makes load order matter; split the shared part out (type-only imports are fine).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'scoring-is-pure',
      severity: 'error',
      comment: 'worker/scoring/ is the pure rules engine: it imports nothing outside itself.',
      from: { path: '^worker/scoring/' },
      to: { pathNot: ['^worker/scoring/', 'node_modules'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-not-http',
      severity: 'error',
      comment: 'ingest/, identity/, stats/ serve routes, queues and cron alike: they never import http/ or routes/.',
      from: { path: '^worker/(ingest|identity|stats)/' },
      to: { path: '^worker/(http|routes)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^worker/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
