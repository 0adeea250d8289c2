import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The folders of the rituals and their services: never Slack's, and never what src/db depends on. */
export const RITUAL_FOLDERS = [
  'pairs',
  'kudos',
  'standups',
  'retros',
  'pulse',
  'charter',
  'decisions',
  'escalations',
  'credits',
  'gives',
  'reviews',
  'report',
  'health',
  'home',
  'rituals',
  'scheduler',
  'audit',
  'retention',
  'privacy',
];

/** Every TypeScript file under a folder (declaration files aside). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export type FoundImport = {
  specifier: string;
  /** Only types are named: the import is there for the type checker, a dependency all the same. */
  typeOnly: boolean;
  /** `import type` or `export type`: erased by the compiler, so nothing loads at run time. */
  erased: boolean;
  /** `import()`: loaded only when it runs. */
  dynamic: boolean;
};

/** Every import and re-export in a file, `import()` included; specifiers as written. */
export function importsOf(fileName: string, text: string): FoundImport[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: FoundImport[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allNamedTypes =
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      const typeOnly =
        clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && allNamedTypes));
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly,
        erased: clause?.isTypeOnly ?? false,
        dynamic: false,
      });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clause = node.exportClause;
      const allNamedTypes =
        clause !== undefined &&
        ts.isNamedExports(clause) &&
        clause.elements.length > 0 &&
        clause.elements.every((e) => e.isTypeOnly);
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: node.isTypeOnly || allNamedTypes,
        erased: node.isTypeOnly,
        dynamic: false,
      });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false, erased: false, dynamic: true });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) {
        found.push({ specifier: literal.text, typeOnly: true, erased: true, dynamic: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
