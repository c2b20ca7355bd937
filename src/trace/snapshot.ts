/** The user relations of a database as this backend sees them: names, kinds and storage files (relfilenode). */
import type { PGlite } from '@electric-sql/pglite';

export interface RelationInfo {
  oid: number;
  schema: string;
  /** The relation's name. */
  name: string;
  /** `name` when visible through search_path, else `schema.name`. */
  display: string;
  /** pg_class.relkind: r table, p partitioned table, i/I index, m materialized view, S sequence, v view, ... */
  kind: string;
  /** 0 for relations without storage of their own (views, partitioned tables). */
  relfilenode: number;
  /** For an index: the display name of its table. */
  table?: string;
}

interface RelationRow {
  oid: number;
  schema: string;
  name: string;
  visible: boolean;
  kind: string;
  relfilenode: number;
  table_oid: number | null;
}

/** Everything outside the system schemas (pg_catalog, pg_toast, information_schema and temp toast schemas). */
const SNAPSHOT_SQL = `
SELECT c.oid::int8::float8 AS oid, n.nspname AS schema, c.relname AS name, pg_table_is_visible(c.oid) AS visible,
       c.relkind::text AS kind, c.relfilenode::int8::float8 AS relfilenode, i.indrelid::int8::float8 AS table_oid
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_index i ON i.indexrelid = c.oid
 WHERE n.nspname NOT IN ('pg_catalog', 'pg_toast', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

export type Snapshot = Map<number, RelationInfo>;

export async function snapshot(db: PGlite): Promise<Snapshot> {
  const rows = (await db.query<RelationRow>(SNAPSHOT_SQL)).rows;
  const byOid = new Map<number, RelationRow>(rows.map((row) => [row.oid, row]));
  const display = (row: RelationRow): string => (row.visible ? row.name : `${row.schema}.${row.name}`);
  const out: Snapshot = new Map();
  for (const row of rows) {
    const info: RelationInfo = {
      oid: row.oid,
      schema: row.schema,
      name: row.name,
      display: display(row),
      kind: row.kind,
      relfilenode: row.relfilenode,
    };
    const table = row.table_oid === null ? undefined : byOid.get(row.table_oid);
    if (table) info.table = display(table);
    out.set(row.oid, info);
  }
  return out;
}

/** Relations whose storage was replaced between the two snapshots (same oid, new relfilenode). */
export function rewritten(before: Snapshot, after: Snapshot): RelationInfo[] {
  const out: RelationInfo[] = [];
  for (const [oid, old] of before) {
    const now = after.get(oid);
    if (now && old.relfilenode !== 0 && now.relfilenode !== old.relfilenode) out.push(now);
  }
  return out;
}
