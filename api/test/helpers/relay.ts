// A TCP relay to PostgreSQL, for the network between a replica and its database: it can hand the
// server's data to the client late, in order (a busy or distant replica hears every notification
// that much later), or go silent (a network that drops packets, with no reset).
import { once } from 'node:events';
import net from 'node:net';

export interface Relay {
  /** The database URL through the relay. */
  url: string;
  /** From now on nothing passes either way, and nobody is told. */
  freeze(): void;
  close(): Promise<void>;
}

/** Starts a relay to the database at `target`; `delayMs` delays what the server sends. */
export async function startRelay(target: string, { delayMs = 0 }: { delayMs?: number } = {}): Promise<Relay> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const to = new URL(target);
  const later = (work: () => void): void => {
    if (delayMs > 0) setTimeout(work, delayMs);
    else work();
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port || 5432), to.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => later(() => frozen || (client.writable && client.write(chunk))));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => later(() => client.destroy()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    freeze: () => {
      frozen = true;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
