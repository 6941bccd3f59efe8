// Local stand-ins for production's stateful services (PostgreSQL, S3), shared by `npm start`,
// `npm run dev`, the API's test setup (from source) and tools (from the built package).
export {
  DEFAULT_POSTGRES_PORT,
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
