import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Default when no env var and no Docker: the PostgreSQL the machine (and CI) runs. */
export const LOCAL_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Cheap check (no I/O beyond existsSync) whether a Docker endpoint is configured at all. */
function dockerConfigured(): boolean {
  if (process.env.DOCKER_HOST || process.env.TESTCONTAINERS_HOST_OVERRIDE) return true;
  if (existsSync(join(homedir(), '.testcontainers.properties'))) return true;
  return ['/var/run/docker.sock', join(homedir(), '.docker/run/docker.sock')].some((p) => existsSync(p));
}

/**
 * Picks the PostgreSQL admin URL for the test run: MASKGATE_TEST_PG_URL, else a testcontainers
 * PostgreSQL when Docker answers within 5 s, else the local server. Returns a stop function for
 * the container case.
 */
export async function choosePostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const fromEnv = process.env.MASKGATE_TEST_PG_URL;
  if (fromEnv) return { url: fromEnv, stop: async () => undefined };
  if (dockerConfigured()) {
    try {
      // testcontainers can hang forever on an endpoint that accepts and never answers: race it.
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const started = await Promise.race([
        new PostgreSqlContainer('postgres:15-alpine').withUsername('postgres').withPassword('postgres').start(),
        new Promise<null>((r) => setTimeout(() => r(null), 60_000).unref()),
      ]);
      if (started) return { url: started.getConnectionUri().replace(/\/[^/]*$/, '/postgres'), stop: async () => void (await started.stop()) };
    } catch {
      // No working container runtime: fall through to the local server.
    }
  }
  return { url: LOCAL_PG_URL, stop: async () => undefined };
}

/** Default when no env var and no Docker: the MariaDB the machine (and CI) runs. */
export const LOCAL_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';

/**
 * Picks the MySQL/MariaDB admin URL: MASKGATE_TEST_MYSQL_URL, else a testcontainers MariaDB when
 * Docker answers, else the local server.
 */
export async function chooseMysql(): Promise<{ url: string; stop: () => Promise<void> }> {
  const fromEnv = process.env.MASKGATE_TEST_MYSQL_URL;
  if (fromEnv) return { url: fromEnv, stop: async () => undefined };
  if (dockerConfigured()) {
    try {
      const { GenericContainer, Wait } = await import('testcontainers');
      const started = await Promise.race([
        new GenericContainer('mariadb:10.11').withEnvironment({ MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: '1', MARIADB_DATABASE: 'test' })
          .withExposedPorts(3306).withWaitStrategy(Wait.forLogMessage(/ready for connections/, 2)).start(),
        new Promise<null>((r) => setTimeout(() => r(null), 90_000).unref()),
      ]);
      if (started) return { url: `mysql://root@${started.getHost()}:${started.getMappedPort(3306)}/test`, stop: async () => void (await started.stop()) };
    } catch {
      // No working container runtime: fall through to the local server.
    }
  }
  return { url: LOCAL_MYSQL_URL, stop: async () => undefined };
}
