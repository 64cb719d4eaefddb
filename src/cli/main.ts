import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { MaskgateError } from '../errors.js';
import { createLogger, LOG_LEVELS } from '../log.js';
import { TOOL_VERSION } from '../run/tool-version.js';
import { OUTPUT_FORMATS } from '../run/run-pipeline.js';
import { removeAllStagedSync } from '../sinks/staged-files.js';
import { attestRenderCommand, RENDER_FORMATS } from './attest-render-command.js';
import { attestVerifyCommand } from './attest-verify-command.js';
import { checkCommand } from './check-command.js';
import { fingerprintCommand } from './fingerprint-command.js';
import { VERIFY_FORMATS, verifyCommand } from './verify-command.js';
import { DEMO_DATASETS, demoCommand } from './demo-command.js';
import { EXIT_CODE_HELP, ExitCode } from './exit-codes.js';
import { keygenCommand } from './keygen-command.js';
import { maskersCommand } from './maskers-command.js';
import { runCommand } from './run-command.js';

const SOURCE_HELP = 'source database URL (postgres://… or mysql://…); default: $MASKGATE_SOURCE, then `source:` in the rules file';

const ENV_HELP = `Environment:
  MASKGATE_SECRET   masking key, at least 32 bytes (e.g. \`openssl rand -base64 48\`); never a flag or in YAML
  MASKGATE_SOURCE   source database URL when --source is not given
  MASKGATE_SIGNING_KEY  Ed25519 private key (PEM text or a file path, from \`maskgate keygen\`) that signs run attestations`;

/** Builds the commander program; actions resolve to an exit code stored in `state.code`. */
function buildProgram(state: { code: number }): Command {
  const logLevel = new Option('--log-level <level>', 'structured JSON logs on stderr (no row values, ever)').choices(LOG_LEVELS).default('warn');
  const program = new Command()
    .name('maskgate')
    .description('Turn a production PostgreSQL or MySQL/MariaDB database into a masked, verified dump or test database that is safe to hand to anyone.\nIf verification finds surviving personal data, nothing is published.')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n\n${ENV_HELP}\n\nStart with: maskgate demo`)
    .exitOverride();

  program
    .command('run')
    .description('Stream the source, mask it by the rules, verify the staged dump, and publish it atomically.')
    .requiredOption('-c, --config <file>', 'rules file (YAML)')
    .option('-s, --source <url>', SOURCE_HELP)
    .option('-o, --out <file>', 'the dump to publish; written as a 0600 temp file and renamed only after verification passes')
    .option('-t, --target <url>', 'a database of the same engine to load after verification passes, swapped in atomically (PostgreSQL: the schemas the dump fills; MySQL: the database\'s tables)')
    .option('--staging-dir <dir>', 'where the private (0700) staging directory for the dump under verification is made (default: the system temp dir)')
    .addOption(new Option('--format <format>', 'sql: the source engine\'s dump (one file); csv or jsonl: a directory with one file per table and a manifest').choices(OUTPUT_FORMATS).default('sql'))
    .option('--keep-previous', 'with --target: keep what the target held as a dated backup schema (PostgreSQL) or database (MySQL) instead of dropping it')
    .option('-r, --report <file>', 'JSON report (default: <out>.report.json, or maskgate.report.json with --target only); written on refusal and failure too')
    .option('--emit-fingerprints <file>', 'also write keyed fingerprints of the source\'s personal data, for `maskgate verify --fingerprints` on the test side')
    .addOption(logLevel)
    .addHelpText('after', `\nExamples:\n  MASKGATE_SECRET=… maskgate run -c rules/diplomawaardering.yaml -s postgres://prod/db -o masked.sql\n  MASKGATE_SECRET=… maskgate run -c rules/diplomawaardering.yaml -s mysql://prod/app --target mysql://test/app\n\nAt least one of --out and --target. The target never receives a byte before verification passes;\na failure at any point leaves it as it was. Source and target must be the same engine.\n\n${EXIT_CODE_HELP}\n\n${ENV_HELP}`)
    .action(async (opts) => {
      state.code = await runCommand(opts, createLogger(opts.logLevel));
    });

  program
    .command('check')
    .description('Validate the rules file; with a source, also check coverage against the live schema (reads no row data).')
    .requiredOption('-c, --config <file>', 'rules file (YAML)')
    .option('-s, --source <url>', SOURCE_HELP)
    .addHelpText('after', `\nExit codes: 0 rules valid (and complete, with a source) · 2 configuration error or coverage gap · 3 connection failure`)
    .action(async (opts) => {
      state.code = await checkCommand(opts);
    });

  program
    .command('verify')
    .description('Check a dump for surviving personal data before it is loaded anywhere (read-only). For CI gates and for dumps maskgate did not make.')
    .option('-i, --input <path>', 'plain SQL dump (pg_dump plain format, mysqldump/mariadb-dump or maskgate; gzip is detected), or a maskgate csv/jsonl export directory')
    .option('-t, --target <url>', 'or a live database (postgres://… or mysql://…), read in one read-only snapshot; nothing is written to it')
    .option('--fingerprints <file>', 'fingerprints of the production data (maskgate fingerprint): adds the exact-match check; needs the same MASKGATE_SECRET')
    .option('-c, --config <file>', 'the rules the dump was masked with: each column is judged by its masker, as in a run')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(VERIFY_FORMATS).default('text' as const))
    .option('-r, --report <file>', 'JSON report (default: <input>.verify.report.json); the attestation (.attestation.json/.md/.html, signed with MASKGATE_SIGNING_KEY) is written next to it')
    .addHelpText('after', `\nWhat it checks:
  always            patterns in every text cell (BSN, IBAN, e-mail, phone, plate, postcode, birth dates), column
                    content statistics, quasi-identifier groups (k-anonymity), by maskgate's generator ranges
  --config          judges each column by its masker, like the gate inside \`run\` (no warnings for fakes)
  --fingerprints    exact match against production values: names and e-mail addresses without a pattern too

Examples:
  maskgate verify --input masked.sql.gz
  MASKGATE_SECRET=… maskgate verify --input masked.sql --fingerprints prod.fp --format junit > maskgate.xml
  maskgate verify --input dump.sql --config rules.yaml --format sarif > maskgate.sarif
  maskgate verify --target postgres://ci@test-db/app --config rules.yaml

Exit codes: 0 nothing refusing found (warnings allowed; see the report) · 1 refusing findings: do not load · 2 usage (bad input, rules, key mismatch) · 3 runtime failure (unreadable or corrupt input, connection)`)
    .action(async (opts) => {
      state.code = await verifyCommand(opts);
    });

  program
    .command('fingerprint')
    .description('On the production side: write keyed fingerprints of the source\'s personal data, for `verify --fingerprints` on the test side.')
    .requiredOption('-c, --config <file>', 'rules file (YAML): the columns it masks as identifiers are fingerprinted')
    .option('-s, --source <url>', SOURCE_HELP)
    .requiredOption('-o, --out <file>', 'the fingerprint file to write (0600)')
    .addHelpText('after', `\nEach fingerprint is HMAC-SHA256 under MASKGATE_SECRET, truncated to 64 bits: the file holds no value,
and without the secret nobody can test a guess against it. See docs/fingerprints.md.

Example:
  MASKGATE_SECRET=… maskgate fingerprint -c rules.yaml -s postgres://prod/db -o prod.fp

Exit codes: 0 written · 2 usage or coverage gap (nothing read) · 3 runtime failure (connection, I/O)`)
    .action(async (opts) => {
      state.code = await fingerprintCommand(opts);
    });

  program
    .command('demo')
    .description('Run the whole pipeline on an embedded PostgreSQL with a fictional Dutch dataset. No server, no secret needed.')
    .option('-o, --out <dir>', 'directory for the dump and report', 'maskgate-demo')
    .addOption(new Option('-d, --dataset <name>', `fictional dataset: ${Object.entries(DEMO_DATASETS).map(([k, v]) => `${k} (${v})`).join('; ')}`).choices(Object.keys(DEMO_DATASETS) as (keyof typeof DEMO_DATASETS)[]).default('diplomawaardering' as const))
    .addOption(logLevel)
    .action(async (opts) => {
      state.code = await demoCommand(opts, createLogger(opts.logLevel));
    });

  program
    .command('maskers')
    .argument('[name]', 'show one masker with its options')
    .description('List the maskers a rules file can use, with their options.')
    .option('--json', 'machine-readable output, with option schemas')
    .action((name, opts) => {
      state.code = maskersCommand(opts, name);
    });

  program
    .command('keygen')
    .description('Make an Ed25519 key pair for signing run attestations: PREFIX.key (private, 0600) and PREFIX.pub.')
    .requiredOption('-o, --out <prefix>', 'path prefix of the two files; existing files are never overwritten')
    .addHelpText('after', '\nSign runs with MASKGATE_SIGNING_KEY=PREFIX.key; give PREFIX.pub to whoever checks the attestations.')
    .action(async (opts) => {
      state.code = await keygenCommand(opts);
    });

  const attest = program
    .command('attest')
    .description('Check or render the attestation a run writes next to its report (docs/attestation.md).');
  attest
    .command('verify')
    .argument('<attestation>', 'the .attestation.json file')
    .description('Check an attestation\'s Ed25519 signature and, with --artifact, that the dump or export directory is the one it attests.')
    .requiredOption('-k, --public-key <file>', 'the signer\'s public key (PREFIX.pub from keygen)')
    .option('-a, --artifact <path>', 'the dump file or csv/jsonl directory to compare with the attested sha256')
    .addHelpText('after', '\nExit codes: 0 valid · 1 invalid, tampered or not the attested artefact · 2 usage (missing file, bad key)')
    .action(async (file, opts) => {
      state.code = await attestVerifyCommand(file, opts);
    });
  attest
    .command('render')
    .argument('<attestation>', 'the .attestation.json file')
    .description('Render an attestation as Markdown or a self-contained HTML page.')
    .addOption(new Option('-f, --format <format>', 'md or html').choices(RENDER_FORMATS).default('md' as const))
    .option('-o, --out <file>', 'write here instead of stdout')
    .option('-k, --public-key <file>', 'check the signature too, and say in the rendering whether it holds')
    .action(async (file, opts) => {
      state.code = await attestRenderCommand(file, opts);
    });
  return program;
}

/** Entry point: parses argv, runs the command, prints errors once, and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const onSignal = (signal: NodeJS.Signals): void => {
    removeAllStagedSync();
    process.stderr.write(`maskgate: interrupted by ${signal}; nothing was published and temporary files were removed.\n`);
    process.exit(ExitCode.RUNTIME);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) process.once(signal, onSignal);
  process.once('exit', removeAllStagedSync);
  // Node's default handlers print the whole error object, and a driver error's fields quote values.
  const onCrash = (err: unknown): void => {
    removeAllStagedSync();
    process.stderr.write(`maskgate: unexpected internal error (${(err as Error)?.name ?? typeof err}); nothing was published.\n`);
    process.exit(ExitCode.RUNTIME);
  };
  // `maskgate verify --format sarif | head`: a reader that stops early is not a failure of the check.
  const onPipeError = (err: NodeJS.ErrnoException): void => {
    if (err.code !== 'EPIPE') onCrash(err);
  };
  process.stdout.on('error', onPipeError);
  process.stderr.on('error', onPipeError);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);

  const state = { code: 0 };
  try {
    await buildProgram(state).parseAsync(argv);
    return state.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? 0 : ExitCode.CONFIG;
    }
    if (err instanceof MaskgateError) {
      process.stderr.write(`maskgate: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
      return err.exitCode;
    }
    // Unknown errors can come from drivers and may quote data: print only the type.
    process.stderr.write(`maskgate: unexpected internal error (${(err as Error)?.name ?? typeof err}); nothing was published.\n`);
    return ExitCode.RUNTIME;
  } finally {
    removeAllStagedSync();
  }
}
