// Deterministic SQL inputs for the benchmark: a small pre-commit migration and a pg_dump-like schema.

/** A typical small migration: what a pre-commit hook sees. */
export const SMALL_MIGRATION = `-- 20260822120000_add_orders_status.sql
ALTER TABLE orders ADD COLUMN status text;
CREATE INDEX orders_status_idx ON orders (status);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
UPDATE orders SET status = 'open' WHERE status IS NULL;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
`;

/** mulberry32: a tiny seeded PRNG so the generated schema is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'account', 'address', 'amount', 'balance', 'batch', 'billing', 'category', 'channel', 'code', 'comment',
  'country', 'currency', 'customer', 'delivery', 'device', 'discount', 'email', 'event', 'external', 'feature',
  'invoice', 'item', 'label', 'language', 'ledger', 'locale', 'member', 'message', 'metric', 'note', 'order',
  'owner', 'payment', 'phone', 'plan', 'price', 'product', 'quota', 'reason', 'region', 'report', 'role',
  'score', 'session', 'shipment', 'source', 'status', 'subscription', 'tag', 'tax', 'team', 'tenant', 'token',
  'total', 'usage', 'vendor', 'version', 'warehouse', 'webhook', 'workspace',
];

const COLUMN_TYPES: readonly { type: string; default?: string; check?: (c: string) => string }[] = [
  { type: 'integer' },
  { type: 'bigint' },
  { type: 'text' },
  { type: 'character varying(255)' },
  { type: 'character varying(64)' },
  { type: 'boolean', default: 'false' },
  { type: 'timestamp with time zone', default: 'now()' },
  { type: 'timestamp without time zone' },
  { type: 'date' },
  { type: 'numeric(12,2)', default: '0', check: (c) => `CHECK ((${c} >= (0)::numeric))` },
  { type: 'jsonb', default: "'{}'::jsonb" },
  { type: 'uuid' },
  { type: 'text[]', default: "'{}'::text[]" },
  { type: 'smallint', default: '0', check: (c) => `CHECK (((${c} >= 0) AND (${c} <= 100)))` },
  { type: 'double precision' },
  { type: 'inet' },
];

const HEADER = `--
-- PostgreSQL database dump
--

-- Dumped from database version 16.4 (Debian 16.4-1.pgdg120+2)
-- Dumped by pg_dump version 16.4 (Debian 16.4-1.pgdg120+2)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: app_owner
--

CREATE SCHEMA app;


ALTER SCHEMA app OWNER TO app_owner;

--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

`;

function functionsSection(count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(3, '0');
    if (i % 3 === 0) {
      out.push(`--
-- Name: touch_updated_at_${n}(); Type: FUNCTION; Schema: app; Owner: app_owner
--

CREATE FUNCTION app.touch_updated_at_${n}() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
    RETURN NEW;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;


ALTER FUNCTION app.touch_updated_at_${n}() OWNER TO app_owner;
`);
    } else if (i % 3 === 1) {
      out.push(`--
-- Name: archive_rows_${n}(integer); Type: FUNCTION; Schema: app; Owner: app_owner
--

CREATE FUNCTION app.archive_rows_${n}(batch_size integer DEFAULT 1000) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'app', 'pg_temp'
    AS $_$
DECLARE
  moved bigint := 0;
  r record;
BEGIN
  FOR r IN EXECUTE format('SELECT id FROM %I.%I WHERE deleted_at < now() - interval %L LIMIT $1', 'app', 'events', '30 days') USING batch_size LOOP
    DELETE FROM app.events WHERE id = r.id;
    moved := moved + 1;
  END LOOP;
  RAISE NOTICE 'archived % rows', moved;
  RETURN moved;
END;
$_$;


ALTER FUNCTION app.archive_rows_${n}(batch_size integer) OWNER TO app_owner;
`);
    } else {
      out.push(`--
-- Name: slugify_${n}(text); Type: FUNCTION; Schema: app; Owner: app_owner
--

CREATE FUNCTION app.slugify_${n}(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
  SELECT trim(both '-' from regexp_replace(lower(value), '[^a-z0-9]+', '-', 'g'));
$$;


ALTER FUNCTION app.slugify_${n}(value text) OWNER TO app_owner;
`);
    }
  }
  return out.join('\n');
}

/**
 * A pg_dump-like schema (no data, no COPY) of about `targetBytes` bytes, in pg_dump's section order:
 * header, functions, tables (+ sequences, comments), defaults, primary keys and uniques, indexes, triggers,
 * foreign keys. The same bytes on every call.
 */
export function generatePgDump(targetBytes: number, seed = 20260822): string {
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(rand() * items.length)];
    if (item === undefined) throw new Error('pick from empty list');
    return item;
  };
  const functionCount = 24;
  const head = HEADER + functionsSection(functionCount) + '\nSET default_tablespace = \'\';\n\nSET default_table_access_method = heap;\n\n';

  const tables: string[] = [];
  const defaults: string[] = [];
  const keys: string[] = [];
  const indexes: string[] = [];
  const triggers: string[] = [];
  const foreignKeys: string[] = [];
  let size = head.length + 200;
  // running total of the bytes in each section, so the size check stays linear
  const counted = new Map<string[], { items: number; chars: number }>();
  const lengthOf = (part: string[], cache: typeof counted): number => {
    const seen = cache.get(part) ?? { items: 0, chars: 0 };
    for (let i = seen.items; i < part.length; i++) seen.chars += part[i]?.length ?? 0;
    seen.items = part.length;
    cache.set(part, seen);
    return seen.chars;
  };

  for (let t = 0; size < targetBytes; t++) {
    const table = `${pick(WORDS)}_${pick(WORDS)}_${String(t).padStart(4, '0')}`;
    const q = `app.${table}`;
    const columnCount = 8 + Math.floor(rand() * 18);
    const cols: string[] = ['    id bigint NOT NULL'];
    const colNames: string[] = [];
    const comments: string[] = [];
    const used = new Set<string>(['id']);
    const parents: number[] = [];
    for (let c = 0; c < columnCount; c++) {
      let name = `${pick(WORDS)}_${pick(WORDS)}`;
      while (used.has(name)) name = `${name}_${c}`;
      used.add(name);
      const spec = pick(COLUMN_TYPES);
      let line = `    ${name} ${spec.type}`;
      if (spec.default !== undefined && rand() < 0.6) line += ` DEFAULT ${spec.default}`;
      if (rand() < 0.4) line += ' NOT NULL';
      if (spec.check !== undefined && rand() < 0.5) line += ` CONSTRAINT ${table}_${name}_check ${spec.check(name)}`;
      cols.push(line);
      colNames.push(name);
      if (rand() < 0.25) comments.push(`COMMENT ON COLUMN ${q}.${name} IS 'The ${name.replace('_', ' ')} of the ${table.replace(/_/g, ' ')} (see docs/${table}.md).';\n`);
    }
    if (t > 0) {
      const fkCount = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < fkCount; k++) {
        const parent = Math.floor(rand() * t);
        if (!parents.includes(parent)) parents.push(parent);
      }
      for (const parent of parents) {
        const col = `parent_${String(parent).padStart(4, '0')}_id`;
        cols.push(`    ${col} bigint${rand() < 0.5 ? ' NOT NULL' : ''}`);
        colNames.push(col);
      }
    }
    cols.push('    created_at timestamp with time zone DEFAULT now() NOT NULL', '    updated_at timestamp with time zone DEFAULT now() NOT NULL');

    tables.push(`--
-- Name: ${table}; Type: TABLE; Schema: app; Owner: app_owner
--

CREATE TABLE ${q} (
${cols.join(',\n')}
);


ALTER TABLE ${q} OWNER TO app_owner;

--
-- Name: TABLE ${table}; Type: COMMENT; Schema: app; Owner: app_owner
--

COMMENT ON TABLE ${q} IS '${table.replace(/_/g, ' ')}: generated for the ddlguard benchmark; it''s not a real table.';

${comments.join('\n')}
--
-- Name: ${table}_id_seq; Type: SEQUENCE; Schema: app; Owner: app_owner
--

CREATE SEQUENCE ${q}_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE ${q}_id_seq OWNER TO app_owner;

--
-- Name: ${table}_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: app_owner
--

ALTER SEQUENCE ${q}_id_seq OWNED BY ${q}.id;

`);
    defaults.push(`ALTER TABLE ONLY ${q} ALTER COLUMN id SET DEFAULT nextval('${q}_id_seq'::regclass);\n`);
    keys.push(`--
-- Name: ${table} ${table}_pkey; Type: CONSTRAINT; Schema: app; Owner: app_owner
--

ALTER TABLE ONLY ${q}
    ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id);

`);
    const first = colNames[0];
    if (first !== undefined && rand() < 0.3) {
      keys.push(`ALTER TABLE ONLY ${q}\n    ADD CONSTRAINT ${table}_${first}_key UNIQUE (${first});\n\n`);
    }
    const indexCount = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < indexCount; i++) {
      const a = pick(colNames);
      const b = pick(colNames);
      const cols2 = a === b ? a : `${a}, ${b}`;
      const kind = rand();
      const name = `${table}_${a}${a === b ? '' : `_${b}`}_idx${i}`;
      const def =
        kind < 0.15
          ? `CREATE UNIQUE INDEX ${name} ON ${q} USING btree (${cols2}) WHERE (${a} IS NOT NULL);`
          : kind < 0.25
            ? `CREATE INDEX ${name} ON ${q} USING btree (created_at DESC);`
            : `CREATE INDEX ${name} ON ${q} USING btree (${cols2});`;
      indexes.push(`--\n-- Name: ${name}; Type: INDEX; Schema: app; Owner: app_owner\n--\n\n${def}\n\n`);
    }
    for (const parent of parents) {
      const col = `parent_${String(parent).padStart(4, '0')}_id`;
      const parentTable = /^CREATE TABLE (app\.\S+) \(/m.exec(tables[parent] ?? '')?.[1];
      if (parentTable === undefined) continue;
      const action = pick(['', ' ON DELETE CASCADE', ' ON DELETE SET NULL', ' ON UPDATE CASCADE ON DELETE RESTRICT']);
      foreignKeys.push(`--
-- Name: ${table} ${table}_${col}_fkey; Type: FK CONSTRAINT; Schema: app; Owner: app_owner
--

ALTER TABLE ONLY ${q}
    ADD CONSTRAINT ${table}_${col}_fkey FOREIGN KEY (${col}) REFERENCES ${parentTable}(id)${action};

`);
    }
    if (rand() < 0.3) {
      const fn = `app.touch_updated_at_${String(Math.floor(rand() * (functionCount / 3)) * 3).padStart(3, '0')}`;
      triggers.push(`CREATE TRIGGER ${table}_touch BEFORE UPDATE ON ${q} FOR EACH ROW EXECUTE FUNCTION ${fn}();\n\n`);
    }
    size = head.length + [tables, defaults, keys, indexes, triggers, foreignKeys].reduce((n, part) => n + lengthOf(part, counted), 0);
  }

  return [
    head,
    tables.join(''),
    defaults.join(''),
    '\n',
    keys.join(''),
    indexes.join(''),
    triggers.join(''),
    foreignKeys.join(''),
    '--\n-- PostgreSQL database dump complete\n--\n\n',
  ].join('');
}
