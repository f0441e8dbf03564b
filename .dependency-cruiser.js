/**
 * Architecture rules that a passing compile does not show. Checked by `npm run deps:check`
 * (part of `npm test`); test/fixtures/dependency-rules holds code that must break them, so a rule
 * that stops matching fails the check instead of silently passing.
 */
const frameworks = '(^|/)node_modules/(@nestjs|typeorm|kafkajs|pg|pino|express|class-validator|class-transformer|@bufbuild|rxjs)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ code is pure: no framework, database, broker or I/O imports.',
      from: { path: '(^|/)domain/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'core'], path: frameworks },
    },
    {
      name: 'domain-imports-only-domain-and-contract-types',
      severity: 'error',
      comment: 'domain/ may import other domain code, @lib/event-sourcing/domain, @lib/kernel and (as types) @lib/contracts.',
      from: { path: '(^|/)domain/' },
      to: {
        dependencyTypesNot: ['type-only'],
        pathNot: ['(^|/)domain/', '^libs/kernel/src/', '^libs/contracts/src/gen/'],
        path: '^(libs|services)/',
      },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      comment: 'domain/ gets time, ids and data on the command, not from node built-ins.',
      from: { path: '(^|/)domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'kernel-imports-nothing',
      severity: 'error',
      comment: 'libs/kernel is pure code every domain may use: it imports nothing outside itself, not even a node built-in.',
      from: { path: '(^|/)libs/kernel/src/' },
      to: { pathNot: '(^|/)libs/kernel/src/' },
    },
    {
      name: 'no-service-to-service',
      severity: 'error',
      comment: 'Services talk through Kafka events (proto/), never through imports.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'libs-do-not-import-services',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.local|libs/contracts/src/gen/google)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
