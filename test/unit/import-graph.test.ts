import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import ts from 'typescript';
import { projectPath } from '../../src/project-path.js';
import { filesUnder, importsOf, RITUAL_FOLDERS } from '../helpers/source-imports.js';

/**
 * The shape of src's imports, read with the TypeScript parser:
 * - no module imports itself through others (a circle), type-only imports included, since a circle
 *   of types is still two modules that cannot be understood apart;
 * - src/db depends on nothing above it: besides its own files and packages, it imports only leaf
 *   modules of src, and of the rituals' folders only leaves that hold types and data, no logic.
 *
 * A leaf is a module whose imports are only zod, Node's built-ins, other leaves, and types.
 */

export type Import = { from: string; to: string; typeOnly: boolean };

/** Whether a file declares code at its top level: a function, a class, or a const holding a function. */
export function declaresLogic(fileName: string, text: string): boolean {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return source.statements.some(
    (statement) =>
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      (ts.isVariableStatement(statement) &&
        statement.declarationList.declarations.some(
          (d) =>
            d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)),
        )),
  );
}

/** The file a relative specifier names ("./x.js" is "./x.ts"); undefined for a package. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')];
  const found = candidates.find((c) => c.endsWith('.ts') && existsSync(c));
  if (!found) throw new Error(`${fromFile}: cannot find "${specifier}"`);
  return found;
}

export type Graph = {
  /** File (relative to src, with "/") → the src files it imports. */
  edges: Map<string, Import[]>;
  /** File → the packages it imports, and whether only its types. */
  packages: Map<string, { specifier: string; typeOnly: boolean }[]>;
  /** The files that declare code (see declaresLogic). */
  logic: Set<string>;
};

/** The import graph of a folder, from files given as path → text. */
export function graphOf(root: string, files: Map<string, string>): Graph {
  const name = (path: string) => relative(root, path).split(sep).join('/');
  const edges = new Map<string, Import[]>();
  const packages = new Map<string, { specifier: string; typeOnly: boolean }[]>();
  const logic = new Set<string>();
  for (const [path, text] of files) {
    const from = name(path);
    edges.set(from, []);
    packages.set(from, []);
    if (declaresLogic(path, text)) logic.add(from);
    for (const { specifier, typeOnly } of importsOf(path, text)) {
      const target = resolveRelative(path, specifier);
      if (target === undefined) packages.get(from)?.push({ specifier, typeOnly });
      else edges.get(from)?.push({ from, to: name(target), typeOnly });
    }
  }
  return { edges, packages, logic };
}

/** Each circle once, as the files around it, starting and ending with the same file. */
export function cyclesOf(graph: Graph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const { to } of graph.edges.get(file) ?? []) {
      if (state.get(to) === 'open') cycles.push([...stack.slice(stack.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.edges.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

/** The modules whose imports are only zod, Node's built-ins, other leaves, and types of packages. */
export function leavesOf(graph: Graph): Set<string> {
  const leaves = new Set<string>();
  const isLeaf = (file: string, seen: Set<string>): boolean => {
    if (leaves.has(file)) return true;
    if (seen.has(file)) return false;
    seen.add(file);
    const packagesOk = (graph.packages.get(file) ?? []).every(
      (p) => p.typeOnly || p.specifier === 'zod' || isBuiltin(p.specifier),
    );
    const leaf = packagesOk && (graph.edges.get(file) ?? []).every(({ to }) => isLeaf(to, seen));
    if (leaf) leaves.add(file);
    return leaf;
  };
  for (const file of graph.edges.keys()) isLeaf(file, new Set());
  return leaves;
}

/**
 * Imports from src/db of modules outside it that are not leaves, or that are leaves of a ritual's
 * folder holding logic, as "from → to".
 */
export function databaseImportsOfLogic(graph: Graph): string[] {
  const leaves = leavesOf(graph);
  const ofRitual = (file: string) => RITUAL_FOLDERS.includes(file.split('/')[0] ?? '');
  return [...graph.edges.values()]
    .flat()
    .filter(
      ({ from, to }) =>
        from.startsWith('db/') &&
        !to.startsWith('db/') &&
        (!leaves.has(to) || (ofRitual(to) && graph.logic.has(to))),
    )
    .map(({ from, to }) => `${from} → ${to}`);
}

function graphOfFolder(root: string): Graph {
  return graphOf(root, new Map(filesUnder(root).map((path) => [path, readFileSync(path, 'utf8')])));
}

describe('the import graph of src', () => {
  const src = projectPath('src');
  const graph = graphOfFolder(src);

  test('it is read whole', () => {
    expect(graph.edges.size).toBeGreaterThan(100);
    expect(graph.edges.get('app.ts')?.length).toBeGreaterThan(10);
  });

  test('has no circles', () => {
    expect(cyclesOf(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  test('src/db imports only leaf modules of src, and no ritual logic', () => {
    expect(databaseImportsOfLogic(graph)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const root = '/project/src';
  const graphFrom = (files: Record<string, string>) =>
    graphOf(root, new Map(Object.entries(files).map(([name, text]) => [join(root, name), text])));

  // The checks resolve specifiers against real files, so these cases use paths that exist.
  const realRoot = projectPath('src');
  const realGraph = (files: Record<string, string>) =>
    graphOf(realRoot, new Map(Object.entries(files).map(([name, text]) => [join(realRoot, name), text])));

  test('finds a circle, a type-only one too', () => {
    const graph = realGraph({
      'clock.ts': "import { x } from './errors.js';",
      'errors.ts': "import type { Clock } from './clock.js';",
    });
    expect(cyclesOf(graph)).toEqual([['clock.ts', 'errors.ts', 'clock.ts']]);
  });

  test('finds a longer circle through a re-export and a dynamic import', () => {
    const graph = realGraph({
      'clock.ts': "export { a } from './errors.js';",
      'errors.ts': "const m = await import('./config.js');",
      'config.ts': "import './clock.js';",
    });
    expect(cyclesOf(graph)).toEqual([['clock.ts', 'errors.ts', 'config.ts', 'clock.ts']]);
  });

  test('src/db importing logic fails; importing a leaf of types and data does not', () => {
    const graph = realGraph({
      'db/repos/kudos.ts': [
        "import { z } from 'zod';",
        "import type { A } from '../../kudos/budget.js';",
        "import { B } from '../../rituals/kinds.js';",
        "import type { C } from '../../rituals/settings.js';",
        "import { D } from '../../errors.js';",
      ].join('\n'),
      'kudos/budget.ts': "import { C } from '../rituals/kinds.js';\nimport { D } from 'luxon';",
      'rituals/kinds.ts':
        "import { z } from 'zod';\nimport { readFile } from 'node:fs';\nimport type { L } from 'pino';",
      'rituals/settings.ts': 'export const settingsOf = (row: string) => row;',
      'errors.ts': 'export class RapportError extends Error {}',
    });
    expect(databaseImportsOfLogic(graph)).toEqual([
      'db/repos/kudos.ts → kudos/budget.ts',
      'db/repos/kudos.ts → rituals/settings.ts',
    ]);
    expect(leavesOf(graph)).toEqual(new Set(['rituals/kinds.ts', 'rituals/settings.ts', 'errors.ts']));
  });

  test('tells code from types and data', () => {
    expect(declaresLogic('a.ts', 'export type A = string;\nexport const B = [1, 2];')).toBe(false);
    expect(declaresLogic('a.ts', 'export function a() {}')).toBe(true);
    expect(declaresLogic('a.ts', 'export const a = () => 1;')).toBe(true);
    expect(declaresLogic('a.ts', 'class A {}')).toBe(true);
  });

  test('tells type-only imports from the others', () => {
    const imports = importsOf(
      'x.ts',
      [
        "import type { A } from './a.js';",
        "import { type B } from './b.js';",
        "import { type C, D } from './c.js';",
        "import E from './e.js';",
        "export type { F } from './f.js';",
        "type G = import('./g.js').G;",
      ].join('\n'),
    );
    expect(imports.map(({ specifier, typeOnly }) => ({ specifier, typeOnly }))).toEqual([
      { specifier: './a.js', typeOnly: true },
      { specifier: './b.js', typeOnly: true },
      { specifier: './c.js', typeOnly: false },
      { specifier: './e.js', typeOnly: false },
      { specifier: './f.js', typeOnly: true },
      { specifier: './g.js', typeOnly: true },
    ]);
    // Only `import type` and `export type` (and type queries) are erased when compiled.
    expect(imports.map((i) => i.erased)).toEqual([true, false, false, false, true, true]);
  });

  test('a specifier naming no file is an error, not a silent miss', () => {
    expect(() => graphFrom({ 'a.ts': "import './missing.js';" })).toThrow('cannot find "./missing.js"');
  });
});
