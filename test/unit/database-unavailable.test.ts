import { expect, test } from '@jest/globals';
import { isDatabaseUnavailable } from '../../src/db/unavailable.js';
import { RapportError } from '../../src/errors.js';

const pgError = (fields: { code: string; severity: string; message: string }) =>
  Object.assign(new Error(fields.message), fields);
const wrapped = (cause: unknown) =>
  new RapportError('db_query_failed', 'database query failed: insert into kudos', { cause });

test.each([
  [
    'a connection refused',
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
  ],
  ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
  [
    'a database that accepts no connections (found by the outage test: FATAL 55000)',
    pgError({
      code: '55000',
      severity: 'FATAL',
      message: 'database "rapport" is not currently accepting connections',
    }),
  ],
  [
    'a session terminated by an administrator',
    pgError({
      code: '57P01',
      severity: 'FATAL',
      message: 'terminating connection due to administrator command',
    }),
  ],
  [
    'a serialization failure',
    pgError({ code: '40001', severity: 'ERROR', message: 'could not serialize access' }),
  ],
  ['no connection from the pool', new RapportError('db_unavailable', 'could not get a database connection')],
])('%s is the database being unavailable: Slack is asked to send it again', (_name, error) => {
  expect(isDatabaseUnavailable(wrapped(error))).toBe(true);
});

test.each([
  [
    'a value the statement cannot take',
    pgError({ code: '22P02', severity: 'ERROR', message: 'invalid input syntax for type numeric' }),
  ],
  [
    'a broken constraint',
    pgError({ code: '23502', severity: 'ERROR', message: 'null value in column "team_id"' }),
  ],
  ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
])('%s is not: sending it again would fail the same way', (_name, error) => {
  expect(isDatabaseUnavailable(wrapped(error))).toBe(false);
});
