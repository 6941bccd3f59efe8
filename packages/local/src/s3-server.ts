// A local S3-compatible object store (s3rver) for `npm start`, `npm run dev` and the tests, set
// up the way production's bucket is: bucket present, browser CORS for reads, public-read policy.
// Development only: s3rver and the bucket bootstrap never run against real S3.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Default port (s3rver's own default is 4568). */
export const DEFAULT_S3_PORT = 4569;

/** s3rver checks no signatures, but the SDK insists on credentials: these are the documented ones. */
export const LOCAL_S3_CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = {
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
};
export const LOCAL_S3_REGION = 'us-east-1';

/** Options for {@link startLocalS3}. */
export interface LocalS3Options {
  /** Where buckets and objects are stored; kept across runs. */
  dataDir: string;
  /** Port on 127.0.0.1; default 4569; 0 picks a free port. */
  port?: number;
  bucket: string;
  /** Origins allowed to GET/HEAD objects from a browser (e.g. http://localhost:8080); [] sets no CORS rule. */
  corsOrigins: string[];
  /** Key prefix readable by anyone (the asset keys); default '' (the whole bucket). */
  publicPrefix?: string;
}

/** A running local S3 server. */
export interface LocalS3 {
  /** S3 API endpoint for the SDK (path-style), e.g. http://127.0.0.1:4569. */
  readonly endpoint: string;
  /** Base URL browsers read objects from, e.g. http://localhost:4569/inkwell-assets. */
  readonly publicBaseUrl: string;
  readonly bucket: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Closes the server; stored objects stay in dataDir. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 and makes sure the bucket exists with its CORS rules and read policy. */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const { default: S3rver } = await import('s3rver');
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? DEFAULT_S3_PORT,
    directory: dataDir,
    silent: true,
  });
  let address;
  try {
    address = await server.run();
  } catch (error) {
    throw new Error(`local S3 could not listen on port ${options.port ?? DEFAULT_S3_PORT}`, { cause: error });
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= closeServer(server));

  try {
    await configureBucket(endpoint, options);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    endpoint,
    // `localhost`, not 127.0.0.1: the URL is shown to browsers, and it matches the page's host.
    publicBaseUrl: `http://localhost:${address.port}/${options.bucket}`,
    bucket: options.bucket,
    region: LOCAL_S3_REGION,
    credentials: { ...LOCAL_S3_CREDENTIALS },
    stop,
  };
}

async function configureBucket(endpoint: string, options: LocalS3Options): Promise<void> {
  const sdk = await import('@aws-sdk/client-s3');
  // On Node 20 the SDK warns that its releases after January 2027 need Node 22; we support 20.19+
  // until then. Its documented switch, read when a client is made:
  // https://github.com/aws/aws-sdk-js-v3/issues/7983
  if (process.versions.node.startsWith('20.')) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new sdk.S3Client({
    endpoint,
    region: LOCAL_S3_REGION,
    forcePathStyle: true,
    credentials: { ...LOCAL_S3_CREDENTIALS }, // the SDK writes into the object it is given
    // s3rver stores the SDK's default aws-chunked checksum framing inside the object.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;
  try {
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket }));
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw error;
      await client.send(new sdk.CreateBucketCommand({ Bucket }));
    }
    // Browsers load images straight from the store (never through the API), cross-origin. S3
    // rejects a rule without origins, so none means no rule.
    if (options.corsOrigins.length > 0) {
      await client.send(
        new sdk.PutBucketCorsCommand({
          Bucket,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: options.corsOrigins,
                AllowedMethods: ['GET', 'HEAD'],
                AllowedHeaders: ['*'],
                ExposeHeaders: ['ETag', 'Content-Length', 'Content-Type'],
                MaxAgeSeconds: 3600,
              },
            ],
          },
        }),
      );
    }
    // Real S3 needs this for the public asset URLs; s3rver serves everything anyway and answers
    // NotImplemented, but the call stays so the bucket is described the same way in both places.
    try {
      await client.send(
        new sdk.PutBucketPolicyCommand({
          Bucket,
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'PublicReadAssets',
                Effect: 'Allow',
                Principal: '*',
                Action: ['s3:GetObject'],
                Resource: [`arn:aws:s3:::${Bucket}/${options.publicPrefix ?? ''}*`],
              },
            ],
          }),
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'NotImplemented') throw error;
    }
  } finally {
    client.destroy();
  }
}

type S3rverInstance = InstanceType<typeof import('s3rver')>;

async function closeServer(server: S3rverInstance): Promise<void> {
  const http = server.httpServer;
  const closed = server.close().catch(() => undefined);
  // close() waits for open keep-alive sockets; nothing should be talking to us any more.
  http?.closeIdleConnections();
  const force = setTimeout(() => http?.closeAllConnections(), 2_000);
  try {
    await closed;
  } finally {
    clearTimeout(force);
  }
}
