/**
 * The templates a term sheet can use: its own, and those its imports name.
 * Imported files are parsed (once each), their own imports followed, and
 * every problem inside them is reported at the term sheet's import that led
 * there, with notes pointing into the file (so `tenor check` on the sheet
 * shows why a library it relies on cannot be used).
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Diagnostic, RelatedInfo } from "../diagnostics/diagnostic.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { didYouMean } from "../diagnostics/suggest.ts";
import type { Range } from "../diagnostics/range.ts";
import type { ImportDecl, Program, TemplateDecl } from "../syntax/ast.ts";
import { parseSource } from "../syntax/parse.ts";
import type { ModuleFile, ModuleHost } from "./host.ts";
import { checkTemplateRules } from "./template-rules.ts";
import { isRecovered } from "../check/recovered.ts";

/** A template and the file that declares it (null: the term sheet itself). */
export interface TemplateSource {
  readonly decl: TemplateDecl;
  readonly file: ModuleFile | null;
  /** Its file has errors (already reported): its instances report nothing more. */
  readonly broken: boolean;
}

export interface LoadedTemplates {
  /** Templates by name, as the term sheet sees them. */
  readonly templates: ReadonlyMap<string, TemplateSource>;
  /** Every file loaded, for showing notes inside them. */
  readonly files: readonly ModuleFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Why an imported file cannot be used: a message, and where inside the files. */
interface Problem {
  readonly code: string;
  readonly message: string;
  readonly related: readonly RelatedInfo[];
}

interface Module {
  readonly file: ModuleFile;
  /** Its templates and those it imports: what importing it offers. */
  readonly exports: ReadonlyMap<string, TemplateSource>;
  /** Problems inside it (or in what it imports), reported where it is imported. */
  readonly problems: readonly Problem[];
}

export function loadTemplates(program: Program, host: ModuleHost, maxModules: number): LoadedTemplates {
  const loader = new Loader(host, maxModules);
  const diagnostics: Diagnostic[] = [];
  const templates = new Map<string, TemplateSource>();
  const offer = (name: string, source: TemplateSource, at: Range): void => {
    const first = templates.get(name);
    if (first === undefined) templates.set(name, source);
    else if (first.decl !== source.decl) {
      diagnostics.push({ code: CHECK.duplicateTemplate, severity: "error", message: `a template named ${name} is already available here; import or declare it once`, range: at });
    }
  };
  for (const d of program.decls) {
    if (d.kind !== "Template") continue;
    const rules = checkTemplateRules(d);
    diagnostics.push(...rules);
    offer(d.decl.name.text, { decl: d, file: null, broken: hasErrors(rules) || isRecovered(d) }, d.decl.name.range);
  }
  for (const d of program.decls) {
    if (d.kind !== "Import") continue;
    const loaded = loader.load(d.path.value, null, []);
    if ("problem" in loaded) {
      diagnostics.push(at(loaded.problem, d.path.range));
      continue;
    }
    for (const p of loaded.module.problems) diagnostics.push(at(p, d.path.range));
    for (const name of d.names) {
      const source = loaded.module.exports.get(name.text);
      if (source === undefined) diagnostics.push(unknownImport(name.text, name.range, loaded.module));
      else offer(name.text, source, name.range);
    }
  }
  return { templates, files: loader.files(), diagnostics };
}

function at(p: Problem, range: Range): Diagnostic {
  return p.related.length === 0
    ? { code: p.code, severity: "error", message: p.message, range }
    : { code: p.code, severity: "error", message: p.message, range, related: p.related };
}

function unknownImport(name: string, range: Range, m: Module): Diagnostic {
  const offered = [...m.exports.keys()];
  const list = offered.length === 0 ? "it declares no templates" : `it offers ${offered.join(", ")}`;
  return { code: CHECK.unknownImport, severity: "error", message: `${m.file.path} has no template ${name}${didYouMean(name, offered)}; ${list}`, range };
}

class Loader {
  private readonly modules = new Map<string, Module>();
  private readonly loading = new Set<string>();
  /** Files started so far (a file counts from the moment its loading begins). */
  private started = 0;

  constructor(
    private readonly host: ModuleHost,
    private readonly maxModules: number,
  ) {}

  files(): ModuleFile[] {
    return [...this.modules.values()].map((m) => m.file);
  }

  /** The module `spec` names from `from`; `chain` is the files being loaded above it (for cycles). */
  load(spec: string, from: ModuleFile | null, chain: readonly ModuleFile[]): { module: Module } | { problem: Problem } {
    const file = this.host.load(spec, from);
    if ("error" in file) return { problem: { code: CHECK.moduleNotFound, message: `cannot import "${spec}": ${file.error}`, related: [] } };
    if (this.loading.has(file.id)) {
      const circle = [...chain.slice(chain.findIndex((f) => f.id === file.id)), file].map((f) => f.path).join(" imports ");
      return { problem: { code: CHECK.importCycle, message: `imports go round in a circle: ${circle}`, related: [] } };
    }
    const known = this.modules.get(file.id);
    if (known !== undefined) return { module: known };
    if (this.started >= this.maxModules) {
      return { problem: { code: CHECK.tooManyModules, message: `more than ${this.maxModules} files are imported (the limit)`, related: [] } };
    }
    this.started++;
    this.loading.add(file.id);
    try {
      const module = this.parse(file, [...chain, file]);
      this.modules.set(file.id, module);
      return { module };
    } finally {
      this.loading.delete(file.id);
    }
  }

  private parse(file: ModuleFile, chain: readonly ModuleFile[]): Module {
    const parsed = parseSource(file.text);
    const problems: Problem[] = [];
    const exports = new Map<string, TemplateSource>();
    const errors = parsed.diagnostics.filter((d) => d.severity === "error");
    const templates = parsed.value.decls.filter((d): d is TemplateDecl => d.kind === "Template");
    const own = templates.flatMap((d) => checkTemplateRules(d));
    const inFile = [...errors, ...own];
    for (const d of templates) {
      if (!exports.has(d.decl.name.text)) exports.set(d.decl.name.text, { decl: d, file, broken: hasErrors(inFile) });
    }
    if (hasErrors(inFile)) {
      const related = inFile.map((d) => ({ file: file.path, range: d.range ?? { start: 0, end: 0 }, message: `${d.message} [${d.code}]` }));
      problems.push({ code: CHECK.moduleHasErrors, message: `${file.path} has ${countWord(inFile.length, "error")}; fix ${inFile.length === 1 ? "it" : "them"} there first`, related });
    }
    for (const d of parsed.value.decls) {
      if (d.kind !== "Import") continue;
      this.follow(d, file, chain, exports, problems);
    }
    return { file, exports, problems };
  }

  /** The imports of an imported file: what they name is offered on (re-exported). */
  private follow(d: ImportDecl, file: ModuleFile, chain: readonly ModuleFile[], exports: Map<string, TemplateSource>, problems: Problem[]): void {
    const note = (message: string, range: Range): RelatedInfo => ({ file: file.path, range, message });
    const loaded = this.load(d.path.value, file, chain);
    if ("problem" in loaded) {
      const p = loaded.problem;
      problems.push({ ...p, message: `${file.path}: ${p.message}`, related: [note(`imported here`, d.path.range), ...p.related] });
      return;
    }
    for (const p of loaded.module.problems) problems.push({ ...p, related: [note(`imported here`, d.path.range), ...p.related] });
    for (const name of d.names) {
      const source = loaded.module.exports.get(name.text);
      if (source === undefined) {
        const missing = unknownImport(name.text, name.range, loaded.module);
        problems.push({ code: CHECK.moduleHasErrors, message: `${file.path} has an error; fix it there first`, related: [note(missing.message, name.range)] });
      } else if (!exports.has(name.text)) {
        exports.set(name.text, source);
      }
    }
  }
}

function countWord(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
