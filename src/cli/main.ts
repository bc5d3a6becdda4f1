/**
 * The `tenor` command line. Commander parses arguments; each command is a
 * function of an `Io` that returns its exit code, so tests call them directly.
 *
 * How a command is registered (issue 17, start-up): its name, arguments and
 * options here, so `tenor --help` lists every command; its code imported
 * inside its action, never at the top of this file, so each command loads
 * only what it uses and `tenor --version` loads none (the bundle splits at
 * each `import()`: scripts/build-cli.mjs; test/cli/startup.test.ts):
 *
 *   program
 *     .command("check")
 *     .description("…")
 *     .argument("<file>", "the term sheet (.tenor)")
 *     .action(async (file: string) => setExit((await import("./commands/check.ts")).checkCommand(io, file)));
 *
 * Option values (choices, defaults) come from small modules that import
 * nothing heavy (src/ledger/ledger-formats.ts, src/explain/formats.ts); types with `import type`.
 */
import { Command, CommanderError, Option } from "commander";
import { LEDGER_FORMATS, type LedgerFormat } from "../ledger/ledger-formats.ts";
import { EXPLAIN_FORMATS, type ExplainFormat } from "../explain/formats.ts";
import type { DiffOptions } from "./commands/diff.ts";
import type { DiffFormat } from "../diff/render.ts";
import type { SimulateFormat, SimulateOptions } from "./commands/simulate.ts";
import type { BoundFormat } from "./commands/bound.ts";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../service/http/transport.ts";
import type { ServeCliOptions } from "./commands/serve.ts";
import type { KeyCreateOptions, KeysWhere } from "./commands/serve-keys.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";
import { OutputError, outputFailed, processIo, type Io } from "./io.ts";
import { TENOR_VERSION } from "../version.ts";

// src/diff/render.ts's DIFF_FORMATS, written out: importing it would load the differ (and the checker) for every command.
const DIFF_FORMATS = ["text", "markdown", "html", "json"] as const satisfies readonly DiffFormat[];
// src/cli/commands/simulate.ts's SIMULATE_FORMATS, written out for the same reason (it loads the runtime and the pool).
const SIMULATE_FORMATS = ["text", "json"] as const satisfies readonly SimulateFormat[];
// src/cli/commands/bound.ts's BOUND_FORMATS, written out for the same reason (it loads the checker).
const BOUND_FORMATS = ["text", "json"] as const satisfies readonly BoundFormat[];

function buildProgram(io: Io, setExit: (code: ExitCode) => void): Command {
  const program = new Command("tenor")
    .description("Tenor: term sheets for GPU AI-factory deals, settled exactly to the cent.")
    .version(TENOR_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // `serve keys create --data DIR`: an option after a subcommand is the subcommand's, not serve's own --data.
    .enablePositionalOptions();

  program
    .command("check")
    .description("check a term sheet and print every diagnostic (exit 1 on any error)")
    .argument("<file>", "the term sheet (.tenor)")
    .action(async (file: string) => setExit((await import("./commands/check.ts")).checkCommand(io, file)));

  program
    .command("run")
    .description("settle a term sheet over period data and print the ledger")
    .argument("<deal>", "the term sheet (.tenor), or an artifact of tenor compile (.json)")
    .requiredOption("-i, --inputs <file...>", "period data: JSON ({periods, events}) or CSV (header: period + input names)")
    .option("-e, --events <file>", "events as CSV (date,event,args…) or JSON, when the inputs are CSV")
    .addOption(new Option("-f, --format <format>", "ledger format (default: table on a terminal, json otherwise)").choices(LEDGER_FORMATS))
    .option("--no-trace", "leave the explanation trace out of JSON ledgers")
    .action(async (deal: string, opts: { inputs: string[]; events?: string; format?: LedgerFormat; trace: boolean }) =>
      setExit(await (await import("./commands/run.ts")).runCommand(io, deal, opts)),
    );

  program
    .command("test")
    .description("run the term sheet's test blocks; a failure shows expected vs actual")
    .argument("<file>", "the term sheet (.tenor)")
    .action(async (file: string) => setExit((await import("./commands/test.ts")).testCommand(io, file)));

  program
    .command("fmt")
    .description("print the term sheet in the canonical layout (comments kept)")
    .argument("<file>", "the term sheet (.tenor)")
    .option("-w, --write", "rewrite the file in place")
    .addOption(new Option("-c, --check", "exit 1 and name the file when it is not formatted").conflicts("write"))
    .action(async (file: string, opts: { write?: boolean; check?: boolean }) => setExit((await import("./commands/fmt.ts")).fmtCommand(io, file, opts)));

  program
    .command("explain")
    .description("print the term sheet in plain English, for lawyers (docs/explain.md)")
    .argument("<file>", "the term sheet (.tenor)")
    .addOption(new Option("-f, --format <format>", "text, markdown or html").choices(EXPLAIN_FORMATS).default("text"))
    .action(async (file: string, opts: { format: ExplainFormat }) => setExit((await import("./commands/explain.ts")).explainCommand(io, file, opts)));

  program
    .command("diff")
    .description("a redline of two versions: what changed in the terms, in English, and with --inputs in money (exit 0 same, 1 different, 2 errors)")
    .argument("<old>", "the old version (.tenor)")
    .argument("<new>", "the new version (.tenor)")
    .option("-i, --inputs <file...>", "period data to settle both versions on: JSON ({periods, events}) or CSV")
    .option("-e, --events <file>", "events as CSV (date,event,args…) or JSON, when the inputs are CSV")
    .addOption(new Option("-f, --format <format>", "text, markdown, html or json").choices(DIFF_FORMATS).default("text"))
    .action(async (oldFile: string, newFile: string, opts: DiffOptions) => setExit((await import("./commands/diff.ts")).diffCommand(io, oldFile, newFile, opts)));

  program
    .command("bound")
    .description("print the most each clause and each payer → payee pair can pay, over the term and per contract year (docs/risk.md)")
    .argument("<file>", "the term sheet (.tenor)")
    .addOption(new Option("-f, --format <format>", "text or json").choices(BOUND_FORMATS).default("text"))
    .action(async (file: string, opts: { format: BoundFormat }) => setExit((await import("./commands/bound.ts")).boundCommand(io, file, opts)));

  program
    .command("lsp")
    .description("run the language server for editors on standard input and output (docs/editors.md)")
    // Clients such as vscode-languageclient add --stdio; it is the only transport.
    .option("--stdio", "talk the Language Server Protocol over standard input and output (the default)")
    .action(async () => setExit(await (await import("./commands/lsp.ts")).lspCommand()));

  program
    .command("compile")
    .description("compile a term sheet to a versioned artifact that services settle without the parser")
    .argument("<deal>", "the term sheet (.tenor)")
    .option("-o, --output <file>", "where to write the artifact (default: stdout)")
    .action(async (deal: string, opts: { output?: string }) => setExit((await import("./commands/compile.ts")).compileCommand(io, deal, opts)));

  program
    .command("inspect")
    .description("verify a compiled artifact and print its header: title, parties, term, currency, inputs, events, versions, hashes")
    .argument("<artifact>", "an artifact of tenor compile (.json)")
    .option("--json", "print the header as JSON")
    .action(async (file: string, opts: { json?: boolean }) => setExit((await import("./commands/inspect.ts")).inspectCommand(io, file, opts)));

  program
    .command("settle-many")
    .description("settle many compiled deals on worker threads (DIR: NAME.json + NAME.inputs.json; or a manifest)")
    .argument("<deals>", "a directory of artifacts and inputs, or a JSON manifest [{ terms, inputs, name? }]")
    .option("-w, --workers <n>", "worker threads (default: available cores)")
    .option("-o, --out <dir>", "write each ledger to DIR/NAME.ledger.json")
    .option("--no-trace", "leave the explanation trace out of the ledgers written")
    .action(async (deals: string, opts: { workers?: string; out?: string; trace: boolean }) =>
      setExit(await (await import("./commands/settle-many.ts")).settleManyCommand(io, deals, opts)),
    );

  program
    .command("simulate")
    .description("Monte Carlo over input paths: the distribution of each clause's and pair's totals, caps hit (docs/risk.md)")
    .argument("<deal>", "the term sheet (.tenor), or an artifact of tenor compile (.json)")
    .option("-n, --scenarios <n>", "scenarios to settle", "10000")
    .requiredOption("-s, --seed <s>", "the seed (0 to 4294967295): the same seed gives the same report")
    .option("-m, --model <file>", "the scenario model (JSON, docs/risk.md); default: declared ranges, uniform")
    .addOption(new Option("-f, --format <format>", "report format (default: text on a terminal, json otherwise)").choices(SIMULATE_FORMATS))
    .option("-w, --workers <n>", "worker threads (default: available cores)")
    .action(async (deal: string, opts: SimulateOptions) =>
      setExit(await (await import("./commands/simulate.ts")).simulateCommand(io, deal, opts)),
    );

  const serve = program
    .command("serve")
    .description("run the settlement service: stored terms, period data as it arrives, settlement, ledgers (docs/service.md)")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("-p, --port <port>", "port to listen on (0: any free port)", "8787")
    .option("--data <dir>", "the embedded database's folder (default ./.tenor-data)")
    .option("--database <url>", "a Postgres server, postgres://… (default: $DATABASE_URL, else the embedded database)")
    .option("--worker", "only work settle jobs from the queue (no HTTP): more of these share one Postgres server")
    .option("--no-jobs", "serve HTTP only; leave the queued jobs to --worker processes")
    .option("--concurrency <n>", "settle jobs worked at once in this process", "4")
    .option("--body-limit <bytes>", "the largest request body")
    .option("--settle-batch <n>", "periods settled in one transaction (1: each period its own)", "500")
    .option("--log", "log each request as a JSON line on standard error (no key, token or body in it)")
    .option("--tls-cert <file>", "serve HTTPS with this certificate (PEM, with its chain); needs --tls-key")
    .option("--tls-key <file>", "the certificate's private key (PEM)")
    .option("--insecure", "allow plain HTTP on an address other machines reach (refused without it: use TLS or a reverse proxy)")
    .option("--jwks <url|file>", "also take bearer JWTs signed by these keys: the identity provider's JWKS (an https URL, or a file)")
    .option("--jwt-issuer <iss>", "the issuer (iss) a token must name; needs --jwks")
    .option("--jwt-audience <aud>", "the audience (aud) a token must name; needs --jwks")
    .option("--jwt-claims <names>", "the claims holding the role, deal and party (default role=tenor_role,deal=tenor_deal,party=tenor_party)")
    .option("--rate-limit <n>", "at most N requests a minute per key (per client address before authentication), then 429 (default: no limit)")
    .option("--request-timeout <ms>", "a request must arrive whole within MS, an idle connection is closed after MS", String(DEFAULT_REQUEST_TIMEOUT_MS))
    .option("--trust-proxy <addresses>", "proxies (addresses, CIDRs, loopback) whose X-Forwarded-For names the client")
    .action(async (opts: ServeCliOptions) => setExit(await (await import("./commands/serve.ts")).serveCommand(io, { ...opts, log: opts.log === true })));

  serve.enablePositionalOptions();
  const keys = serve.command("keys").description("manage the service's API keys on the database's machine (docs/service.md \"Keys\")");
  const where = (c: Command) => c
    .option("--data <dir>", "the embedded database's folder (default ./.tenor-data)")
    .option("--database <url>", "a Postgres server, postgres://… (default: $DATABASE_URL)");
  where(keys.command("create").description("create a key and print it (once) on standard output"))
    .requiredOption("--role <role>", "admin, operator, counterparty, counsel or auditor")
    .option("--deal <id>", "the deal it speaks for (every role but admin)")
    .option("--party <name>", "the deal's party it speaks for (operator, counterparty, counsel)")
    .action(async (opts: KeyCreateOptions) => setExit(await (await import("./commands/serve-keys.ts")).keysCreateCommand(io, opts)));
  where(keys.command("list").description("list the keys: id, role, deal, party, revoked (no secrets)"))
    .action(async (opts: KeysWhere) => setExit(await (await import("./commands/serve-keys.ts")).keysListCommand(io, opts)));
  where(keys.command("revoke").description("revoke a key: refused from then on").argument("<id>", "the key's id"))
    .action(async (id: string, opts: KeysWhere) => setExit(await (await import("./commands/serve-keys.ts")).keysRevokeCommand(io, id, opts)));

  program
    .command("replay")
    .description("re-settle every stored period of the service's deals and check each is byte-identical (exit 2 if not)")
    .option("--data <dir>", "the embedded database's folder (default ./.tenor-data)")
    .option("--database <url>", "a Postgres server, postgres://… (default: $DATABASE_URL)")
    .option("--deal <id>", "only this deal")
    .action(async (opts: { data?: string; database?: string; deal?: string }) => setExit(await (await import("./commands/serve.ts")).replayCommand(io, opts)));

  program
    .command("audit")
    .description("check the service's audit log: `tenor audit verify` walks its hash chain and names the first broken link")
    .argument("<verify>", "verify (the one action)")
    .option("--data <dir>", "the embedded database's folder (default ./.tenor-data)")
    .option("--database <url>", "a Postgres server, postgres://… (default: $DATABASE_URL)")
    .action(async (action: string, opts: { data?: string; database?: string }) => {
      if (action !== "verify") {
        io.stderr(`tenor audit: unknown action ${JSON.stringify(action)} (the action is verify)\n`);
        return setExit(EXIT.usage);
      }
      setExit(await (await import("./commands/serve.ts")).auditVerifyCommand(io, opts));
    });

  for (const command of [...program.commands, keys, ...keys.commands]) {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError("(run with --help for usage)");
  }
  return program;
}

/**
 * `help NAME` of a command that does not exist: commander would print the
 * program's help and exit 0. It is the unknown command `NAME`, so parse
 * just `NAME`: commander's message for one (with its suggestion) and exit 64.
 */
function helpOfUnknown(program: Command, argv: readonly string[]): string[] | null {
  const [first, name] = argv;
  if (first !== "help" || name === undefined || name.startsWith("-")) return null;
  return program.commands.some((c) => c.name() === name || c.aliases().includes(name)) ? null : [name];
}

/** Runs the CLI on the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<ExitCode> {
  let exit: ExitCode = EXIT.ok;
  const program = buildProgram(io, (code) => (exit = code));
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(helpOfUnknown(program, argv) ?? [...argv], { from: "user" });
  } catch (e) {
    // Standard output failed (docs/language.md §14): a closed pipe ends quietly with 0, anything else in one line with 2.
    if (e instanceof OutputError) return outputFailed(io, e);
    if (e instanceof CommanderError) {
      const informational = e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help";
      return informational ? EXIT.ok : EXIT.usage;
    }
    throw e;
  }
  return exit;
}
