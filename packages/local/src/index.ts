// Local stand-ins for production's stateful services (PostgreSQL, S3), free ports and the
// development secrets, shared by `npm start`, `npm run dev`, the seed, the benchmarks, the API's
// test setup and the end-to-end tests. Development only: the API never imports this package.
export {
  DEFAULT_POSTGRES_PORT,
  embeddedPostgresUrl,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.js';
export {
  DEFAULT_S3_PORT,
  LOCAL_S3_CREDENTIALS,
  LOCAL_S3_REGION,
  startLocalS3,
  type LocalS3,
  type LocalS3Options,
} from './s3-server.js';
export { findFreePort } from './ports.js';
export { loadOrCreateSecrets, type DevelopmentSecrets } from './secrets.js';
