import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on a free loopback port in front of a real server (PostgreSQL, a Kafka broker), which a
 * test can cut and heal to make an ordinary incident happen for real: a restart or failover looks to
 * a client like connections reset and new ones refused for a while. Only what goes through the proxy
 * is affected, so other suites sharing the server go on undisturbed.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private cutOff = false;
  #port = 0;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.forward(client));
  }

  /** Listens on 127.0.0.1 (a free port) and forwards every connection to `target`. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await new Promise<void>((resolve, reject) => proxy.server.once('error', reject).listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
    proxy.#port = address.port;
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  private forward(client: Socket): void {
    if (this.cutOff) {
      client.destroy();
      return;
    }
    const upstream = createConnection(this.target);
    const pair = [client, upstream];
    for (const socket of pair) {
      this.sockets.add(socket);
      socket.on('error', () => pair.forEach((other) => other.destroy()));
      socket.on('close', () => {
        this.sockets.delete(socket);
        pair.forEach((other) => other.destroy());
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** `postgres://…@127.0.0.1:<proxy port>/…`: the same URL, through the proxy. */
  rewrite(url: string): string {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    return through.toString();
  }

  /** Resets every open connection and refuses new ones until `heal()`. */
  cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** Accepts connections again. */
  heal(): void {
    this.cutOff = false;
  }

  get isCut(): boolean {
    return this.cutOff;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
