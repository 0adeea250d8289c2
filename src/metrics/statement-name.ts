/**
 * A short, stable name for a SQL statement, for the query-duration metric's `statement` label:
 * its verb and the first table it names ("select kudos", "update charters", "with outbox"),
 * derived from the SQL text alone (never its parameters). Rapport's statements are constants in
 * its repositories, so the names are a small, fixed set; anything that does not look like a verb
 * and a plain name is "other".
 */
export function statementName(sql: string): string {
  const text = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').toLowerCase();
  const verb = /^\s*([a-z]+)/.exec(text)?.[1];
  if (!verb || !VERBS.has(verb)) return 'other';
  const table = TABLE_AFTER[verb]?.exec(text)?.[1] ?? FIRST_TABLE.exec(text)?.[1];
  return table && table.length <= 63 ? `${verb} ${table}` : verb;
}

const VERBS = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'with',
  'merge',
  'begin',
  'commit',
  'rollback',
  'lock',
  'listen',
  'unlisten',
  'set',
  'values',
  'truncate',
]);

/** The table a verb works on, where its place is fixed; otherwise the first after `from`, `into`, `update` or `join` that is not a function. */
const TABLE_AFTER: Record<string, RegExp> = {
  insert: /^\s*insert\s+into\s+([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)/,
  update: /^\s*update\s+(?:only\s+)?([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)/,
  delete: /^\s*delete\s+from\s+(?:only\s+)?([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)/,
  truncate: /^\s*truncate\s+(?:table\s+)?([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)/,
  lock: /^\s*lock\s+(?:table\s+)?([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)/,
};
const FIRST_TABLE =
  /\b(?:from|into|update|join)\s+(?:only\s+)?([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)\b(?!\s*\()/;
