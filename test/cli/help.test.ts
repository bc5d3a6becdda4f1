/**
 * `tenor help NAME` (issue 19): the help of a command that exists exits 0;
 * of one that does not, it is wrong usage like `tenor NAME` itself —
 * commander's message for an unknown command, exit 64 (EXIT.usage).
 */
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { EXIT } from "../../src/cli/exit-codes.ts";
import { fakeIo } from "./fake-io.ts";

async function run(...argv: string[]) {
  const io = fakeIo({});
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("tenor help", () => {
  it("help of an unknown command exits 64 with commander's unknown-command message, as the command itself does", async () => {
    const help = await run("help", "bogus");
    expect(help).toEqual({
      code: EXIT.usage,
      out: "",
      err: "error: unknown command 'bogus'\n(run with --help for usage)\n",
    });
    expect(await run("bogus")).toEqual(help);
  });

  it("suggests the command meant, as commander does for a misspelt command", async () => {
    const r = await run("help", "chek");
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toBe("error: unknown command 'chek'\n(Did you mean check?)\n(run with --help for usage)\n");
  });

  it("help of a command, help alone and help help print help and exit 0", async () => {
    const check = await run("help", "check");
    expect(check.code).toBe(EXIT.ok);
    expect(check.out).toContain("Usage: tenor check [options] <file>");
    for (const argv of [["help"], ["help", "help"]]) {
      const r = await run(...argv);
      expect(r.code).toBe(EXIT.ok);
      expect(r.out).toContain("Usage: tenor [options] [command]");
    }
  });
});
