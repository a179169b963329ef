/**
 * A loopback TCP relay the test controls, standing for the network path between a bench and the hub:
 * cut('drop') holds every connection open but passes nothing (a pulled cable: requests hang until
 * the client's deadline), cut('reset') resets them (a router refusing), restore() lets traffic
 * through again. The target can be moved (a hub restarted on another port).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Relay {
  readonly url: string;
  target: { host: string; port: number };
  cut(mode?: 'drop' | 'reset'): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startRelay(target: { host: string; port: number }): Promise<Relay> {
  let mode: 'open' | 'drop' | 'reset' = 'open';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server: Server = createServer((client) => {
    track(client);
    if (mode === 'reset') return void client.resetAndDestroy();
    if (mode === 'drop') return; // accepted, never answered
    const upstream = connect(relay.target.port, relay.target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay: Relay = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    target,
    cut(how = 'drop') {
      mode = how;
      // Connections already open go silent too (dropped) or are reset.
      for (const socket of sockets) {
        if (how === 'reset') socket.resetAndDestroy();
        else {
          socket.unpipe();
          socket.pause();
        }
      }
    },
    restore() {
      mode = 'open';
      // Connections held while cut never recover (as after a real outage): clients open new ones.
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return relay;
}
