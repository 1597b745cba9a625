/**
 * Fails when code in src/ outside src/runtime/ uses the `Deno` global (`Deno.env`, `typeof Deno`, ...): runtime
 * APIs are reached only through src/runtime/. A global is no import, so dependency-cruiser cannot see it; the
 * TypeScript parser can, and it ignores comments and strings. Run by `npm run lint:deps`.
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");
const RUNTIME = join(SRC, "runtime") + sep;

/** Every `.ts` file under `dir`, recursively. */
function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** True when `node` is the name part of a property access, a property or a declaration, not a reference. */
function isName(node) {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) {
    return parent.name === node && !(ts.isIdentifier(parent.expression) && parent.expression.text === "globalThis");
  }
  return (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) ||
    ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) && parent.name === node;
}

/** `file:line:column` of every reference to the `Deno` global in `path`. */
function denoUses(path) {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    const isDeno = (ts.isIdentifier(node) && node.text === "Deno" && !isName(node)) ||
      (ts.isStringLiteral(node) && node.text === "Deno" && ts.isElementAccessExpression(node.parent));
    if (isDeno) {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(ROOT, path)}:${line + 1}:${character + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const uses = tsFiles(SRC).filter((path) => !path.startsWith(RUNTIME)).flatMap(denoUses);
if (uses.length > 0) {
  console.error("Cannot use the Deno global outside src/runtime/: runtime APIs are reached through src/runtime/ only");
  for (const use of uses) console.error(`  ${use}`);
  process.exit(1);
}
console.log("runtime edge: no Deno global outside src/runtime/");
