import type { ParsedStatement } from '../parse/types.js';
import { lowerMysql } from './lower-mysql.js';
import { lowerPostgres } from './lower-postgres.js';
import type { Operation } from './operations.js';

export function lowerStatement(statement: ParsedStatement): Operation[] {
  return statement.dialect === 'mysql' ? lowerMysql(statement) : lowerPostgres(statement);
}
