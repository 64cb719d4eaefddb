// The signed attestation through the real CLI: keygen, a run that signs, `attest verify` passing on the
// real files and failing on a changed byte in either, no source value in any attestation file, a refused
// run attested as FAIL, and the HTML page read in a real browser as a person would.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFixtureDatabase, FIXTURE_RULES } from '../support/fixture-database.js';
import { dumpDom, SKIP_BROWSER, visibleText } from '../support/chromium.js';
import { runCli } from '../support/run-cli.js';
import type { ScratchDatabase } from '../support/scratch-database.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mg-e2e-attest-'));
  dirs.push(d);
  return d;
}

let source: ScratchDatabase;
/** Source values of masked identifier columns; none may appear in any attestation file. */
let secrets: string[];
let keyDir: string;
let keyId: string;

beforeAll(async () => {
  source = await createFixtureDatabase(inject('pgUrl'));
  const { rows } = await source.query(`SELECT bsn, email, telefoon FROM public.aanvragers`);
  secrets = rows.flatMap((r) => [r.bsn, r.email, r.telefoon]).filter((v): v is string => typeof v === 'string' && v.length > 5);
  expect(secrets.length).toBeGreaterThan(100);
  keyDir = tempDir();
  const r = await runCli(['keygen', '--out', join(keyDir, 'signer')]);
  expect(r.code, r.stderr).toBe(0);
  keyId = /publicKeyId: ([0-9a-f]{16})/.exec(r.stdout)![1]!;
});

afterAll(async () => {
  await source?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The file with one byte changed at `at` (a fraction of its length), so it is still the same size. */
function flipByte(from: string, to: string, at: number): void {
  const b = readFileSync(from);
  const i = Math.floor(b.length * at);
  b[i] = b[i]! ^ 0x01;
  writeFileSync(to, b);
}

function expectNoSecrets(where: string, text: string): void {
  const found = secrets.filter((s) => text.includes(s));
  expect(found.length, `${found.length} source values in ${where}`).toBe(0);
}

const signingEnv = (): Record<string, string> => ({ MASKGATE_SIGNING_KEY: join(keyDir, 'signer.key') });

describe('maskgate keygen', () => {
  it('writes a 0600 private key and a public key, prints the key id, and never overwrites', async () => {
    expect(readdirSync(keyDir).sort()).toEqual(['signer.key', 'signer.pub']);
    expect(statSync(join(keyDir, 'signer.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(keyDir, 'signer.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(keyDir, 'signer.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const before = readFileSync(join(keyDir, 'signer.key'), 'utf8');
    const again = await runCli(['keygen', '--out', join(keyDir, 'signer')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('never overwrites');
    expect(readFileSync(join(keyDir, 'signer.key'), 'utf8')).toBe(before);
  });
});

describe('signed attestation of a run', () => {
  let dir: string;
  let out: string;
  let attestation: string;

  beforeAll(async () => {
    dir = tempDir();
    out = join(dir, 'masked.sql');
    attestation = join(dir, 'masked.sql.attestation.json');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', out], signingEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`signed by key ${keyId}`);
  });

  it('is written next to the report, signed, PASS, with the dump\'s digest and no source value in any of its files', async () => {
    expect(readdirSync(dir).sort()).toEqual(['masked.sql', 'masked.sql.attestation.html', 'masked.sql.attestation.json', 'masked.sql.attestation.md', 'masked.sql.report.json']);
    const att = JSON.parse(readFileSync(attestation, 'utf8'));
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    expect(att).toMatchObject({
      attestationVersion: '1', result: 'PASS', exitCode: 0,
      run: { id: report.runId }, key: { keyId: report.keyId },
      target: { kind: 'dump', sha256: report.output.sha256, bytes: statSync(out).size },
      source: { engine: 'postgres', tables: 3 },
      signature: { alg: 'ed25519', publicKeyId: keyId },
      claims: { pseudonymisedForController: true, anonymousForRecipient: 'only under the stated assumptions' },
    });
    expect(att.verification.exactMatch).toMatchObject({ performed: true, matches: 0 });
    for (const ext of ['json', 'md', 'html']) expectNoSecrets(`attestation.${ext}`, readFileSync(join(dir, `masked.sql.attestation.${ext}`), 'utf8'));
  });

  it('`attest verify --artifact` passes on the real files', async () => {
    const r = await runCli(['attest', 'verify', attestation, '--public-key', join(keyDir, 'signer.pub'), '--artifact', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Valid: signature valid: signed by key [0-9a-f]{16}; result PASS, .* matches the attested sha256/);
  });

  it('fails (exit 1) when one byte of the attestation changed, wherever it is', async () => {
    for (const at of [0, 0.1, 0.37, 0.5, 0.83, 0.999]) {
      const copy = join(dir, `tampered-${at}.json`);
      flipByte(attestation, copy, at);
      const r = await runCli(['attest', 'verify', copy, '--public-key', join(keyDir, 'signer.pub'), '--artifact', out]);
      expect(r.code, `byte at ${at}: ${r.stdout}`).toBe(1);
      expect(r.stderr).toMatch(/^maskgate: attestation INVALID: .+\.\n$/);
      rmSync(copy);
    }
  });

  it('fails (exit 1) when one byte of the dump changed, or for another dump', async () => {
    const copy = join(dir, 'tampered.sql');
    flipByte(out, copy, 0.5);
    const r = await runCli(['attest', 'verify', attestation, '--public-key', join(keyDir, 'signer.pub'), '--artifact', copy]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tampered\.sql has sha256 [0-9a-f]{64}, but the attestation attests [0-9a-f]{64}: it is not the verified artefact/);
    copyFileSync(out, copy);
    writeFileSync(copy, '-- one more line\n', { flag: 'a' });
    expect((await runCli(['attest', 'verify', attestation, '--public-key', join(keyDir, 'signer.pub'), '--artifact', copy])).code).toBe(1);
    rmSync(copy);
  });

  it('fails (exit 1) for another signer\'s public key; usage errors are exit 2', async () => {
    const other = tempDir();
    expect((await runCli(['keygen', '--out', join(other, 'k')])).code).toBe(0);
    const wrong = await runCli(['attest', 'verify', attestation, '--public-key', join(other, 'k.pub')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`signed by key ${keyId}, not by the given public key`);
    expect((await runCli(['attest', 'verify', join(dir, 'missing.json'), '--public-key', join(keyDir, 'signer.pub')])).code).toBe(2);
    expect((await runCli(['attest', 'verify', attestation, '--public-key', out])).code).toBe(2);
    expect((await runCli(['attest', 'verify', attestation, '--public-key', join(keyDir, 'signer.pub'), '--artifact', join(dir, 'nope.sql')])).code).toBe(2);
    expect((await runCli(['attest', 'verify', attestation])).code).toBe(2);
  });

  it('`attest render` gives the same Markdown and HTML the run wrote, and can check the signature', async () => {
    const md = await runCli(['attest', 'render', attestation]);
    expect(md.code).toBe(0);
    expect(md.stdout).toBe(readFileSync(join(dir, 'masked.sql.attestation.md'), 'utf8'));
    const html = join(dir, 'rendered.html');
    const r = await runCli(['attest', 'render', attestation, '--format', 'html', '--out', html, '--public-key', join(keyDir, 'signer.pub')]);
    expect(r.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain(`Signature verified: Ed25519, public key id ${keyId}.`);
    rmSync(html);
  });

  it.skipIf(SKIP_BROWSER)('reads as a person sees it in Chromium: verdict, tables, k, residual risks, careful claims', async () => {
    const text = visibleText(await dumpDom(join(dir, 'masked.sql.attestation.html')));
    expect(text).toContain('PASS Verified: no real personal data found');
    expect(text).toContain('public.aanvragers');
    expect(text).toMatch(/Smallest configured k: k = 5/);
    expect(text).toContain(`Signed with Ed25519, public key id ${keyId}`);
    expect(text).toContain('Fake names are drawn from public word lists');
    expect(text).toContain('Anonymous for the recipient only under the stated assumptions');
    expect(text).toContain('This attestation does not say the data is anonymised.');
    expectNoSecrets('the page as rendered', text);
  });
});

describe('attestation of other runs', () => {
  it('a refused run writes a signed FAIL attestation that attests no artefact', async () => {
    const dir = tempDir();
    const out = join(dir, 'masked.sql');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', out], { ...signingEnv(), MASKGATE_FAULT_INJECT: 'identity:email' });
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['masked.sql.attestation.html', 'masked.sql.attestation.json', 'masked.sql.attestation.md', 'masked.sql.report.json']);
    const attestation = join(dir, 'masked.sql.attestation.json');
    const att = JSON.parse(readFileSync(attestation, 'utf8'));
    expect(att).toMatchObject({ result: 'FAIL', exitCode: 1, outcome: 'refused', target: { published: false, sha256: null }, claims: { pseudonymisedForController: false } });
    expect(att.verification.findingsCount.errors).toBeGreaterThan(0);
    for (const ext of ['json', 'md', 'html']) expectNoSecrets(`refused attestation.${ext}`, readFileSync(join(dir, `masked.sql.attestation.${ext}`), 'utf8'));
    const ok = await runCli(['attest', 'verify', attestation, '--public-key', join(keyDir, 'signer.pub')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('result FAIL');
    const withArtifact = await runCli(['attest', 'verify', attestation, '--public-key', join(keyDir, 'signer.pub'), '--artifact', FIXTURE_RULES]);
    expect(withArtifact.code).toBe(1);
    expect(withArtifact.stderr).toContain('attests no artefact');
    if (!SKIP_BROWSER) {
      const text = visibleText(await dumpDom(join(dir, 'masked.sql.attestation.html')));
      expect(text).toContain('FAIL Refused: nothing was published');
      expect(text).toContain('none: nothing was published');
      expectNoSecrets('the refused page as rendered', text);
    }
  });

  it('takes MASKGATE_SIGNING_KEY as PEM text too, and attests a csv directory by its manifest digest', async () => {
    const dir = tempDir();
    const out = join(dir, 'export');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '--format', 'csv', '-o', out], { MASKGATE_SIGNING_KEY: readFileSync(join(keyDir, 'signer.key'), 'utf8') });
    expect(r.code, r.stderr).toBe(0);
    const attestation = join(dir, 'export.attestation.json');
    expect(JSON.parse(readFileSync(attestation, 'utf8'))).toMatchObject({ target: { kind: 'directory' }, signature: { publicKeyId: keyId } });
    const verify = (): Promise<{ code: number | null; stderr: string }> => runCli(['attest', 'verify', attestation, '--public-key', join(keyDir, 'signer.pub'), '--artifact', out]);
    expect((await verify()).code).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'added later\n');
    expect((await verify()).stderr).toContain('a file the manifest does not list');
    rmSync(join(out, 'notes.txt'));
    const file = readdirSync(out).find((f) => f.endsWith('.csv'))!;
    flipByte(join(out, file), join(out, file), 0.5);
    expect((await verify()).code).toBe(1);
  });

  it('a bad MASKGATE_SIGNING_KEY is a usage error (exit 2) before the run reads anything; unset, the attestation says it is unsigned', async () => {
    const dir = tempDir();
    for (const key of [join(dir, 'no-such.key'), '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n', join(keyDir, 'signer.pub')]) {
      const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', join(dir, 'x.sql')], { MASKGATE_SIGNING_KEY: key });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('MASKGATE_SIGNING_KEY');
      expect(r.stderr).not.toContain('not a key');
      expect(readdirSync(dir)).toEqual([]);
    }
    const unsigned = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', join(dir, 'x.sql')]);
    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toContain('unsigned (set MASKGATE_SIGNING_KEY to sign it)');
    const att = readFileSync(join(dir, 'x.sql.attestation.json'), 'utf8');
    expect(JSON.parse(att).signature).toBeNull();
    expect(att).toContain('"signature":null');
    const v = await runCli(['attest', 'verify', join(dir, 'x.sql.attestation.json'), '--public-key', join(keyDir, 'signer.pub')]);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('not signed');
  });
});
