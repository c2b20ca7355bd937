import type { Node as PgNode } from '@pgsql/types';
import type { WhereBound } from './operations.js';
import { columnName, isRowIndependent, stringsOf } from './pg-nodes.js';

/**
 * Decides whether a PostgreSQL WHERE clause limits an UPDATE/DELETE to a key range or a batch.
 * Bounded when one conjunct of the top-level AND is:
 * - `col BETWEEN a AND b` on any column, or both a lower (>, >=) and an upper (<, <=) bound on one column;
 * - `key = v`, `key IN (v, ...)`, `key = ANY(array)` where key is a known key column (`id` by default);
 * where a bound or value `v` must not read the row (see isRowIndependent; `variables` inside PL/pgSQL bodies);
 * - a sub-select with LIMIT (`id IN (SELECT id ... LIMIT 1000)`, `ctid = ANY(ARRAY(SELECT ... LIMIT n))`).
 * Everything else (`col IS NULL`, `status = 'x'`, `created_at < now()`, joins) touches an unknown share of the table.
 */
export function wherePostgres(
  where: PgNode | undefined,
  keyColumns: ReadonlySet<string>,
  variables: boolean,
): WhereBound {
  if (!where) return 'none';
  const conjuncts = andConjuncts(where);
  const lower = new Set<string>();
  const upper = new Set<string>();
  for (const conjunct of conjuncts) {
    if (hasLimitedSubselect(conjunct)) return 'bounded';
    if (!('A_Expr' in conjunct)) continue;
    const expr = conjunct.A_Expr;
    const column = columnName(expr.lexpr);
    if (!column) continue;
    const op = stringsOf(expr.name)[0];
    const independent = isRowIndependent(expr.rexpr, variables);
    switch (expr.kind) {
      case 'AEXPR_BETWEEN':
      case 'AEXPR_BETWEEN_SYM':
        return 'bounded';
      case 'AEXPR_IN':
      case 'AEXPR_OP_ANY':
        if (keyColumns.has(column) && op === '=' && independent) return 'bounded';
        break;
      case 'AEXPR_OP':
        if (!independent) break;
        if (op === '=' && keyColumns.has(column)) return 'bounded';
        if (op === '>' || op === '>=') lower.add(column);
        if (op === '<' || op === '<=') upper.add(column);
        break;
      default:
        break;
    }
  }
  for (const column of lower) if (upper.has(column)) return 'bounded';
  return 'unbounded';
}

function andConjuncts(node: PgNode): PgNode[] {
  if ('BoolExpr' in node && node.BoolExpr.boolop === 'AND_EXPR') {
    return (node.BoolExpr.args ?? []).flatMap(andConjuncts);
  }
  return [node];
}

/** A sub-select with a LIMIT anywhere in the conjunct: the batch pattern. */
function hasLimitedSubselect(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasLimitedSubselect);
  if (typeof node !== 'object' || node === null) return false;
  if ('SelectStmt' in node && typeof node.SelectStmt === 'object' && node.SelectStmt !== null) {
    if ('limitCount' in node.SelectStmt && node.SelectStmt.limitCount) return true;
  }
  return Object.values(node).some(hasLimitedSubselect);
}
