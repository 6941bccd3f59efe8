// A TCP relay to PostgreSQL that hands what the server sends to the client late, in order: a
// listener behind it hears every notification that much later, as on a busy or distant replica.
import { once } from 'node:events';
import net from 'node:net';

export interface SlowRelay {
  /** The database URL through the relay. */
  url: string;
  close(): Promise<void>;
}

/** Starts a relay to the database at `target` that delays the server's data by `delayMs`. */
export async function startSlowRelay(target: string, delayMs: number): Promise<SlowRelay> {
  const sockets = new Set<net.Socket>();
  const to = new URL(target);
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port || 5432), to.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), delayMs));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => setTimeout(() => client.destroy(), delayMs));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
