import { Pool } from 'pg';
import { eventually } from './eventually';
import { testServerUrl } from './postgres';
import { TcpProxy } from './tcp-proxy';

describe('TcpProxy in front of the real PostgreSQL', () => {
  it('passes queries through, fails them while cut, and lets new connections through once healed', async () => {
    const server = new URL(testServerUrl());
    const proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
    const pool = new Pool({ connectionString: proxy.rewrite(server.toString()), max: 2, connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined);
    try {
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      proxy.cut();
      await expect(pool.query('SELECT 1')).rejects.toThrow();
      proxy.heal();
      await eventually(async () => expect((await pool.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]));
    } finally {
      await pool.end();
      await proxy.stop();
    }
  });
});
