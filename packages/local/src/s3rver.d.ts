// s3rver 3.7 ships no types: just the part of its API that s3-server.ts uses.
declare module 's3rver' {
  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    /** Creates the configured buckets, then listens; resolves with the bound address. */
    run(): Promise<import('node:net').AddressInfo>;
    close(): Promise<void>;
    httpServer?: import('node:http').Server;
  }

  export = S3rver;
}
