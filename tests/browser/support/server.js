// A real casecircle process on a free port with its own database, as the test command provides
// it: CASECIRCLE_TEST_DATABASE_URL (an admin URL) and the binary and source paths from CTest.

import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sourceDir = process.env.CASECIRCLE_SOURCE_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the browser tests through deploy/casecircle test (or ctest with it set)`);
  return value;
}

function psql(adminUrl, sql) {
  execFileSync('psql', [adminUrl, '-qAtc', sql], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } });
}

// The roles of db/setup/roles.sql; the test command's PGPASSFILE knows their passwords.
function databaseUrl(adminUrl, name, role) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (role) url.username = role;
  return url.toString();
}

// Resolves with the base URL once the server prints its listening line; rejects if it exits first.
function waitForListening(child, stderr) {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+?)\/?$/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`casecircle exited with ${code} before listening:\n${stderr.join('')}`)));
  });
}

// Sessions without a login ("open rooms") are what these tests exercise; servers that know about
// logins keep them closed by default, so the flag is passed where it exists.
function openRoomsFlag(binary) {
  const help = execFileSync(binary, ['--help'], { encoding: 'utf8' });
  return help.includes('--open-rooms') ? ['--open-rooms', 'yes'] : [];
}

// openRooms: false starts a server where sessions need a login (accounts, guests, archive).
// args: further flags, e.g. a short --session-idle-close to see the server end a session.
export async function startServer(label, { openRooms = true, args = [] } = {}) {
  const adminUrl = required('CASECIRCLE_TEST_DATABASE_URL');
  const binary = required('CASECIRCLE_BINARY');
  const database = `browser_${label}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  psql(adminUrl, `DROP DATABASE IF EXISTS ${database}`);
  psql(adminUrl, `CREATE DATABASE ${database} OWNER casecircle_owner`);
  const child = spawn(binary, ['--port', '0', '--database-url', databaseUrl(adminUrl, database, 'casecircle_server'),
    '--owner-database-url', databaseUrl(adminUrl, database, 'casecircle_owner'),
    '--static-dir', path.join(sourceDir, 'static'),
    '--templates-dir', path.join(sourceDir, 'protocol', 'templates'),
    '--migrations-dir', path.join(sourceDir, 'db', 'migrations'), ...(openRooms ? openRoomsFlag(binary) : []), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(d.toString()));
  const baseUrl = await waitForListening(child, stderr);
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    stderr,
    // With the real admin command; the team is created if new, the password read from stdin.
    createUser({ username, password, team, role, displayName }) {
      execFileSync(binary, ['admin', 'create-user', username, '--team', team, '--role', role, '--display-name', displayName ?? username,
        '--database-url', databaseUrl(adminUrl, database, 'casecircle_server'), '--migrations-dir', path.join(sourceDir, 'db', 'migrations')],
      { input: `${password}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
    },
    // An existing account into another team: no API call enrols an account a second time.
    addToTeam({ username, team, role }) {
      const quote = (v) => `'${String(v).replaceAll("'", "''")}'`;
      psql(databaseUrl(adminUrl, database), `INSERT INTO team_members (team_id, user_id, role) SELECT t.team_id, u.user_id, ${quote(role)} FROM teams t, users u WHERE t.name = ${quote(team)} AND u.username = ${quote(username)}`);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      psql(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}
