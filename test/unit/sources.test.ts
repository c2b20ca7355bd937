import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { collectSources } from '../../src/sources/collect.js';
import { parseSqitchPlan, sqitchScriptNames } from '../../src/sources/layouts/sqitch.js';
import { compareDottedVersions, naturalCompare } from '../../src/sources/order.js';
import type { MigrationFile } from '../../src/sources/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = 'test/fixtures/layouts';
const corpus = path.resolve(repoRoot, '../shared/corpus');

/** One line per file: what the layouts decide, without the text. */
interface Summary {
  path: string;
  layout: string;
  version?: string;
  name?: string;
  dialect?: string;
  sections: string[];
  downPath?: string;
  layoutHasDown: boolean;
  shadowedFor?: string[];
}

function summarize(file: MigrationFile): Summary {
  const summary: Summary = {
    path: file.path,
    layout: file.layout,
    sections: file.sections.map((s) => `${s.direction}/${s.transaction}@${s.start}-${s.end}`),
    layoutHasDown: file.layoutHasDown,
  };
  if (file.version !== undefined) summary.version = file.version;
  if (file.name !== undefined) summary.name = file.name;
  if (file.dialect !== undefined) summary.dialect = file.dialect;
  if (file.downPath !== undefined) summary.downPath = file.downPath;
  if (file.shadowedFor !== undefined) summary.shadowedFor = file.shadowedFor;
  return summary;
}

async function collectFixture(...inputs: string[]): Promise<Summary[]> {
  const result = await collectSources(inputs, { cwd: repoRoot });
  assert.deepEqual(result.errors, []);
  return result.files.map(summarize);
}

/** The single whole-file section of a file whose text is `length` long. */
function whole(direction: string, transaction: string, length: number): string[] {
  return [`${direction}/${transaction}@0-${length}`];
}

void describe('layouts', () => {
  void test('flyway: versioned by numeric version, undo pairs, repeatable last by description, script config', async () => {
    const dir = `${fixtures}/flyway/with-undo`;
    assert.deepEqual(await collectFixture(dir), [
      { path: `${dir}/V1__create_users.sql`, layout: 'flyway', version: '1', name: 'create_users', sections: whole('up', 'wrapped', 44), layoutHasDown: true },
      { path: `${dir}/V1_1__add_email.sql`, layout: 'flyway', version: '1.1', name: 'add_email', sections: whole('up', 'wrapped', 41), layoutHasDown: true },
      { path: `${dir}/V2__add_index.sql`, layout: 'flyway', version: '2', name: 'add_index', sections: whole('up', 'wrapped', 43), downPath: `${dir}/U2__add_index.sql`, layoutHasDown: true },
      { path: `${dir}/U2__add_index.sql`, layout: 'flyway', version: '2', name: 'add_index', sections: whole('down', 'wrapped', 24), layoutHasDown: true },
      // V3__concurrent_index.sql.conf says executeInTransaction=false.
      { path: `${dir}/V3__concurrent_index.sql`, layout: 'flyway', version: '3', name: 'concurrent_index', sections: whole('up', 'none', 50), layoutHasDown: true },
      { path: `${dir}/V10__add_name.sql`, layout: 'flyway', version: '10', name: 'add_name', sections: whole('up', 'wrapped', 40), layoutHasDown: true },
      { path: `${dir}/R__functions.sql`, layout: 'flyway', name: 'functions', sections: whole('repeatable', 'wrapped', 75), layoutHasDown: true },
      { path: `${dir}/R__views.sql`, layout: 'flyway', name: 'views', sections: whole('repeatable', 'wrapped', 60), layoutHasDown: true },
      // A Flyway callback is no migration: listed as a plain file after the migrations.
      { path: `${dir}/afterMigrate.sql`, layout: 'plain', name: 'afterMigrate', sections: whole('up', 'none', 15), layoutHasDown: false },
    ]);
  });

  void test('flyway without undo files has no down migrations', async () => {
    const dir = `${fixtures}/flyway/no-undo`;
    assert.deepEqual(await collectFixture(dir), [
      { path: `${dir}/V1__init.sql`, layout: 'flyway', version: '1', name: 'init', sections: whole('up', 'wrapped', 25), layoutHasDown: false },
      { path: `${dir}/R__view.sql`, layout: 'flyway', name: 'view', sections: whole('repeatable', 'wrapped', 38), layoutHasDown: false },
    ]);
  });

  void test('golang-migrate: numeric version order, up before down, implicit transaction', async () => {
    const dir = `${fixtures}/golang-migrate`;
    assert.deepEqual(await collectFixture(dir), [
      { path: `${dir}/1_init.up.sql`, layout: 'golang-migrate', version: '1', name: 'init', sections: whole('up', 'implicit', 25), downPath: `${dir}/1_init.down.sql`, layoutHasDown: true },
      { path: `${dir}/1_init.down.sql`, layout: 'golang-migrate', version: '1', name: 'init', sections: whole('down', 'implicit', 14), layoutHasDown: true },
      { path: `${dir}/2_add_b.up.sql`, layout: 'golang-migrate', version: '2', name: 'add_b', sections: whole('up', 'implicit', 32), layoutHasDown: true },
      { path: `${dir}/3_1.2.0_schema.up.sql`, layout: 'golang-migrate', version: '3', name: '1.2.0_schema', sections: whole('up', 'implicit', 32), layoutHasDown: true },
      { path: `${dir}/10_index.up.sql`, layout: 'golang-migrate', version: '10', name: 'index', sections: whole('up', 'implicit', 27), downPath: `${dir}/10_index.down.sql`, layoutHasDown: true },
      { path: `${dir}/10_index.down.sql`, layout: 'golang-migrate', version: '10', name: 'index', sections: whole('down', 'implicit', 16), layoutHasDown: true },
    ]);
  });

  void test('popx: dialects, autocommit, sqlite3/cockroach dropped, neutral files shadowed, pairing', async () => {
    const dir = `${fixtures}/popx`;
    assert.deepEqual(await collectFixture(dir), [
      { path: `${dir}/20200101000000_networks.postgres.up.sql`, layout: 'popx', version: '20200101000000', name: 'networks', dialect: 'postgres', sections: whole('up', 'wrapped', 71), downPath: `${dir}/20200101000000_networks.down.sql`, layoutHasDown: true },
      { path: `${dir}/20200101000000_networks.up.sql`, layout: 'popx', version: '20200101000000', name: 'networks', sections: whole('up', 'wrapped', 33), downPath: `${dir}/20200101000000_networks.down.sql`, layoutHasDown: true, shadowedFor: ['postgres'] },
      { path: `${dir}/20200101000000_networks.down.sql`, layout: 'popx', version: '20200101000000', name: 'networks', sections: whole('down', 'wrapped', 21), layoutHasDown: true },
      { path: `${dir}/20200102000000_index.postgres.autocommit.up.sql`, layout: 'popx', version: '20200102000000', name: 'index', dialect: 'postgres', sections: whole('up', 'none', 56), downPath: `${dir}/20200102000000_index.postgres.down.sql`, layoutHasDown: true },
      { path: `${dir}/20200102000000_index.mysql.autocommit.up.sql`, layout: 'popx', version: '20200102000000', name: 'index', dialect: 'mysql', sections: whole('up', 'none', 43), layoutHasDown: true },
      { path: `${dir}/20200102000000_index.postgres.down.sql`, layout: 'popx', version: '20200102000000', name: 'index', dialect: 'postgres', sections: whole('down', 'wrapped', 37), layoutHasDown: true },
      { path: `${dir}/20200103000000_empty.up.sql`, layout: 'popx', version: '20200103000000', name: 'empty', sections: whole('up', 'wrapped', 0), layoutHasDown: true },
    ]);
  });

  void test('dbmate: two sections per file from marker to marker, transaction:false, numeric order', async () => {
    const dir = `${fixtures}/dbmate`;
    const result = await collectSources([dir], { cwd: repoRoot });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.files.map(summarize), [
      // The header comment before the up marker belongs to no section.
      { path: `${dir}/9_early.sql`, layout: 'dbmate', version: '9', name: 'early', sections: ['up/wrapped@20-70', 'down/none@70-137'], downPath: `${dir}/9_early.sql`, layoutHasDown: true },
      { path: `${dir}/20200101000000_create_users.sql`, layout: 'dbmate', version: '20200101000000', name: 'create_users', sections: ['up/wrapped@0-47', 'down/wrapped@47-81'], downPath: `${dir}/20200101000000_create_users.sql`, layoutHasDown: true },
      // The down section holds only a comment: no down migration.
      { path: `${dir}/20200102000000_index_users.sql`, layout: 'dbmate', version: '20200102000000', name: 'index_users', sections: ['up/none@0-82', 'down/wrapped@82-117'], layoutHasDown: true },
      { path: `${dir}/schema.sql`, layout: 'plain', name: 'schema', sections: whole('up', 'none', 10), layoutHasDown: false },
    ]);
    const [early] = result.files;
    assert.ok(early);
    const [up, down] = early.sections;
    assert.ok(up && down);
    assert.equal(early.text.slice(up.start, up.end), '-- migrate:up\nALTER TABLE users ADD COLUMN a int;\n');
    assert.equal(early.text.slice(down.start, down.end), '-- migrate:down transaction:false\nALTER TABLE users DROP COLUMN a;\n');
  });

  void test('prisma: migration folders in name order (spaces allowed), implicit transaction, no down layout', async () => {
    const dir = `${fixtures}/prisma/migrations`;
    assert.deepEqual(await collectFixture(`${fixtures}/prisma`), [
      { path: `${dir}/20230101000000_init/migration.sql`, layout: 'prisma', version: '20230101000000', name: 'init', sections: whole('up', 'implicit', 57), layoutHasDown: false },
      { path: `${dir}/20230102000000_add users table copy/migration.sql`, layout: 'prisma', version: '20230102000000', name: 'add users table copy', sections: whole('up', 'implicit', 57), layoutHasDown: false },
      { path: `${dir}/20230103000000_index/migration.sql`, layout: 'prisma', version: '20230103000000', name: 'index', sections: whole('up', 'implicit', 61), downPath: `${dir}/20230103000000_index/down.sql`, layoutHasDown: false },
      { path: `${dir}/20230103000000_index/down.sql`, layout: 'prisma', version: '20230103000000', name: 'index', sections: whole('down', 'implicit', 28), layoutHasDown: false },
    ]);
  });

  void test('diesel: folders by version, up/down pairs, metadata.toml run_in_transaction = false', async () => {
    const dir = `${fixtures}/diesel/migrations`;
    assert.deepEqual(await collectFixture(dir), [
      { path: `${dir}/00000000000000_diesel_initial_setup/up.sql`, layout: 'diesel', version: '00000000000000', name: 'diesel_initial_setup', sections: whole('up', 'wrapped', 107), downPath: `${dir}/00000000000000_diesel_initial_setup/down.sql`, layoutHasDown: true },
      { path: `${dir}/00000000000000_diesel_initial_setup/down.sql`, layout: 'diesel', version: '00000000000000', name: 'diesel_initial_setup', sections: whole('down', 'wrapped', 65), layoutHasDown: true },
      { path: `${dir}/2023-01-01-120000_create_users/up.sql`, layout: 'diesel', version: '20230101120000', name: 'create_users', sections: whole('up', 'wrapped', 44), layoutHasDown: true },
      { path: `${dir}/2023-01-02-120000_create_index/up.sql`, layout: 'diesel', version: '20230102120000', name: 'create_index', sections: whole('up', 'none', 50), downPath: `${dir}/2023-01-02-120000_create_index/down.sql`, layoutHasDown: true },
      { path: `${dir}/2023-01-02-120000_create_index/down.sql`, layout: 'diesel', version: '20230102120000', name: 'create_index', sections: whole('down', 'none', 34), layoutHasDown: true },
    ]);
  });

  void test('sqitch: plan order with a reworked change, revert pairs, verify not listed', async () => {
    const dir = `${fixtures}/sqitch`;
    assert.deepEqual(await collectFixture(dir), [
      { path: `${dir}/deploy/users@v1.0.sql`, layout: 'sqitch', name: 'users', sections: whole('up', 'none', 44), downPath: `${dir}/revert/users@v1.0.sql`, layoutHasDown: true },
      { path: `${dir}/revert/users@v1.0.sql`, layout: 'sqitch', name: 'users', sections: whole('down', 'none', 33), layoutHasDown: true },
      { path: `${dir}/deploy/posts.sql`, layout: 'sqitch', name: 'posts', sections: whole('up', 'none', 57), downPath: `${dir}/revert/posts.sql`, layoutHasDown: true },
      { path: `${dir}/revert/posts.sql`, layout: 'sqitch', name: 'posts', sections: whole('down', 'none', 33), layoutHasDown: true },
      { path: `${dir}/deploy/users.sql`, layout: 'sqitch', name: 'users', sections: whole('up', 'none', 56), downPath: `${dir}/revert/users.sql`, layoutHasDown: true },
      { path: `${dir}/revert/users.sql`, layout: 'sqitch', name: 'users', sections: whole('down', 'none', 52), layoutHasDown: true },
      // Not in the plan: not run by Sqitch, still linted, as a plain file.
      { path: `${dir}/deploy/unplanned.sql`, layout: 'plain', name: 'unplanned', sections: whole('up', 'none', 10), layoutHasDown: false },
    ]);
  });

  void test('plain: leading number compared as a number, then name; unnumbered last; BOM stripped', async () => {
    const dir = `${fixtures}/plain`;
    const result = await collectSources([dir], { cwd: repoRoot });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.files.map(summarize), [
      // 001_init.sql starts with a BOM: 25 characters after it.
      { path: `${dir}/001_init.sql`, layout: 'plain', version: '001', name: 'init', sections: whole('up', 'none', 25), layoutHasDown: false },
      { path: `${dir}/0002-add-b.sql`, layout: 'plain', version: '0002', name: 'add-b', sections: whole('up', 'none', 32), layoutHasDown: false },
      { path: `${dir}/2_add_c.sql`, layout: 'plain', version: '2', name: 'add_c', sections: whole('up', 'none', 32), layoutHasDown: false },
      { path: `${dir}/10_add_d.sql`, layout: 'plain', version: '10', name: 'add_d', sections: whole('up', 'none', 32), layoutHasDown: false },
      { path: `${dir}/seed.sql`, layout: 'plain', name: 'seed', sections: whole('up', 'none', 10), layoutHasDown: false },
    ]);
    assert.equal(result.files[0]?.text, 'CREATE TABLE a (id int);\n');
    assert.equal(result.files[0]?.absolutePath, path.join(repoRoot, dir, '001_init.sql'));
  });
});

void describe('inputs', () => {
  void test('a folder of layouts: sets ordered by folder path, each in migration order', async () => {
    const result = await collectSources([fixtures], { cwd: repoRoot });
    assert.deepEqual(result.errors, []);
    const setsInOrder: string[] = [];
    for (const file of result.files) {
      const set = `${path.posix.dirname(file.path.slice(fixtures.length + 1)).split('/')[0] ?? ''}:${file.layout}`;
      if (setsInOrder.at(-1) !== set) setsInOrder.push(set);
    }
    assert.deepEqual(setsInOrder, [
      'dbmate:dbmate', 'dbmate:plain',
      'diesel:diesel',
      'flyway:flyway', 'flyway:plain',
      'golang-migrate:golang-migrate',
      'plain:plain',
      'popx:popx',
      'prisma:prisma',
      'sqitch:sqitch', 'sqitch:plain',
    ]);
    // flyway/no-undo sorts before flyway/with-undo.
    assert.equal(result.files.find((f) => f.layout === 'flyway')?.path, `${fixtures}/flyway/no-undo/V1__init.sql`);
    assert.equal(result.files.length, 49);
  });

  void test('files given one by one: path as given, input order, layout of their folder, down path in the same style', async () => {
    const result = await collectSources(
      [
        `./${fixtures}/golang-migrate/10_index.up.sql`,
        `${fixtures}/popx/20200102000000_index.postgres.autocommit.up.sql`,
        path.join(repoRoot, fixtures, 'dbmate/20200101000000_create_users.sql'),
        `${fixtures}/sqitch/deploy/posts.sql`,
        `${fixtures}/plain/001_init.sql`,
        `${fixtures}/golang-migrate/1_init.up.sql`,
      ],
      { cwd: repoRoot },
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.files.filter((f) => !f.contextOnly).map((f) => [f.path, f.layout, f.sections[0]?.transaction, f.downPath]),
      [
        [`./${fixtures}/golang-migrate/10_index.up.sql`, 'golang-migrate', 'implicit', `./${fixtures}/golang-migrate/10_index.down.sql`],
        [`${fixtures}/popx/20200102000000_index.postgres.autocommit.up.sql`, 'popx', 'none', `${fixtures}/popx/20200102000000_index.postgres.down.sql`],
        [path.join(repoRoot, fixtures, 'dbmate/20200101000000_create_users.sql'), 'dbmate', 'wrapped', path.join(repoRoot, fixtures, 'dbmate/20200101000000_create_users.sql')],
        [`${fixtures}/sqitch/deploy/posts.sql`, 'sqitch', 'none', `${fixtures}/sqitch/revert/posts.sql`],
        [`${fixtures}/plain/001_init.sql`, 'plain', 'none', undefined],
        [`${fixtures}/golang-migrate/1_init.up.sql`, 'golang-migrate', 'implicit', `${fixtures}/golang-migrate/1_init.down.sql`],
      ],
    );
  });

  void test('a file given alone brings the earlier up migrations of its set along, as context only', async () => {
    const result = await collectSources([`${fixtures}/golang-migrate/10_index.up.sql`], { cwd: repoRoot });
    assert.deepEqual(
      result.files.map((f) => [f.path.replace(`${fixtures}/golang-migrate/`, ''), f.contextOnly ?? false]),
      [
        ['1_init.up.sql', true],
        ['2_add_b.up.sql', true],
        ['3_1.2.0_schema.up.sql', true],
        ['10_index.up.sql', false],
      ],
    );
    assert.ok(result.files.every((f) => f.setRoot === path.join(repoRoot, fixtures, 'golang-migrate')));
  });

  void test('files the tool never runs are not listed even when given by name', async () => {
    const result = await collectSources(
      [`${fixtures}/sqitch/verify/users.sql`, `${fixtures}/popx/20200101000000_networks.sqlite3.up.sql`],
      { cwd: repoRoot },
    );
    assert.deepEqual(result, { files: [], errors: [] });
  });

  void test('the same file reached twice is listed once, where it was first reached', async () => {
    const result = await collectSources(
      [
        `${fixtures}/golang-migrate/2_add_b.up.sql`,
        `${fixtures}/golang-migrate`,
        `${fixtures}/golang-migrate/*.up.sql`,
        `./${fixtures}/golang-migrate/2_add_b.up.sql`,
      ],
      { cwd: repoRoot },
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.files.filter((f) => !f.contextOnly).map((f) => f.path.replace(`${fixtures}/golang-migrate/`, '')),
      ['2_add_b.up.sql', '1_init.up.sql', '1_init.down.sql', '3_1.2.0_schema.up.sql', '10_index.up.sql', '10_index.down.sql'],
    );
  });

  void test('a glob lists only its matches, in migration order, with down files paired from disk', async () => {
    const result = await collectSources([`${fixtures}/golang-migrate/*.up.sql`], { cwd: repoRoot });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.files.map((f) => [f.path, f.downPath]),
      [
        [`${fixtures}/golang-migrate/1_init.up.sql`, `${fixtures}/golang-migrate/1_init.down.sql`],
        [`${fixtures}/golang-migrate/2_add_b.up.sql`, undefined],
        [`${fixtures}/golang-migrate/3_1.2.0_schema.up.sql`, undefined],
        [`${fixtures}/golang-migrate/10_index.up.sql`, `${fixtures}/golang-migrate/10_index.down.sql`],
      ],
    );
  });

  void test('globs across layouts: Prisma folders and brace patterns', async () => {
    const result = await collectSources([`${fixtures}/{prisma,diesel}/**/up.sql`, `${fixtures}/prisma/**/migration.sql`], {
      cwd: repoRoot,
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.files.map((f) => `${f.layout} ${f.path.slice(fixtures.length + 1)}`),
      [
        'diesel diesel/migrations/00000000000000_diesel_initial_setup/up.sql',
        'diesel diesel/migrations/2023-01-01-120000_create_users/up.sql',
        'diesel diesel/migrations/2023-01-02-120000_create_index/up.sql',
        'prisma prisma/migrations/20230101000000_init/migration.sql',
        'prisma prisma/migrations/20230102000000_add users table copy/migration.sql',
        'prisma prisma/migrations/20230103000000_index/migration.sql',
      ],
    );
  });

  void test('missing files, folders and empty globs are errors; the other inputs are still collected', async () => {
    const result = await collectSources(
      [
        'migrations/x.sql',
        `${fixtures}/plain/001_init.sql`,
        'no-such-folder',
        `${fixtures}/plain/*.nothing`,
        `${fixtures}/prisma/**/*.toml`,
      ],
      { cwd: repoRoot },
    );
    assert.deepEqual(result.files.map((f) => f.path), [`${fixtures}/plain/001_init.sql`]);
    assert.deepEqual(result.errors, [
      { input: 'migrations/x.sql', message: 'no such file or directory: migrations/x.sql' },
      { input: 'no-such-folder', message: 'no such file or directory: no-such-folder' },
      { input: `${fixtures}/plain/*.nothing`, message: `no files match: ${fixtures}/plain/*.nothing` },
      { input: `${fixtures}/prisma/**/*.toml`, message: `no .sql files match: ${fixtures}/prisma/**/*.toml` },
    ]);
  });

  void test('every file outside dbmate has exactly one section covering its whole text', async () => {
    const result = await collectSources([fixtures], { cwd: repoRoot });
    const others = result.files.filter((f) => f.layout !== 'dbmate');
    assert.ok(others.length > 40);
    for (const file of others) {
      assert.equal(file.sections.length, 1, file.path);
      assert.equal(file.sections[0]?.start, 0, file.path);
      assert.equal(file.sections[0]?.end, file.text.length, file.path);
    }
  });
});

void describe('folders made at test time', () => {
  let scratch = '';

  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'ddlguard-sources-'));
    const put = async (relative: string, text: string) => {
      await mkdir(path.dirname(path.join(scratch, relative)), { recursive: true });
      await writeFile(path.join(scratch, relative), text);
    };
    await put('db/001_a.sql', 'SELECT 1;\n');
    await put('db/node_modules/pkg/002_b.sql', 'SELECT 2;\n');
    await put('db/.git/003_c.sql', 'SELECT 3;\n');
    await put('db/.hidden/004_d.sql', 'SELECT 4;\n');
    await put('db/nested/v1.10/1_x.sql', 'SELECT 5;\n');
    await put('db/nested/v1.2/1_y.sql', 'SELECT 6;\n');
    await put('crlf/20200101_a.sql', '-- migrate:up\r\nCREATE TABLE a (id int);\r\n-- migrate:down\r\nDROP TABLE a;\r\n');
    await put('updown/V0001.Init.up.sql', 'CREATE TABLE a (id int);\n');
    await put('updown/V0001.Init.down.sql', 'DROP TABLE a;\n');
    await put('[brackets]/1_a.sql', 'SELECT 1;\n');
  });

  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  void test('folders are read recursively, skipping node_modules and .git; sets ordered numerically', async () => {
    const result = await collectSources(['db'], { cwd: scratch });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.files.map((f) => f.path),
      ['db/001_a.sql', 'db/.hidden/004_d.sql', 'db/nested/v1.2/1_y.sql', 'db/nested/v1.10/1_x.sql'],
    );
  });

  void test('paths are relative to cwd, also for folders outside it', async () => {
    const result = await collectSources([path.join(scratch, 'db/nested')], { cwd: path.join(scratch, 'crlf') });
    assert.deepEqual(
      result.files.map((f) => f.path),
      ['../db/nested/v1.2/1_y.sql', '../db/nested/v1.10/1_x.sql'],
    );
  });

  void test('dbmate markers with CRLF line endings', async () => {
    const result = await collectSources(['crlf'], { cwd: scratch });
    const [file] = result.files;
    assert.ok(file);
    assert.equal(file.layout, 'dbmate');
    assert.deepEqual(file.sections, [
      // '-- migrate:up\r\n' is 15 characters, 'CREATE TABLE a (id int);\r\n' 26.
      { direction: 'up', transaction: 'wrapped', start: 0, end: 41 },
      { direction: 'down', transaction: 'wrapped', start: 41, end: file.text.length },
    ]);
    assert.equal(file.downPath, 'crlf/20200101_a.sql');
  });

  void test('plain *.up.sql / *.down.sql files pair up and make the set have downs', async () => {
    const result = await collectSources(['updown'], { cwd: scratch });
    assert.deepEqual(result.files.map(summarize), [
      { path: 'updown/V0001.Init.up.sql', layout: 'plain', name: 'V0001.Init', sections: whole('up', 'none', 25), downPath: 'updown/V0001.Init.down.sql', layoutHasDown: true },
      { path: 'updown/V0001.Init.down.sql', layout: 'plain', name: 'V0001.Init', sections: whole('down', 'none', 14), layoutHasDown: true },
    ]);
  });

  void test('an existing path with glob characters is taken as a path', async () => {
    const result = await collectSources(['[brackets]', '[brackets]/1_a.sql'], { cwd: scratch });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.files.map((f) => f.path), ['[brackets]/1_a.sql']);
  });
});

void describe('helpers', () => {
  void test('sqitch plan: pragmas, tags and blank lines skipped; reworked changes get the next tag', () => {
    const plan = parseSqitchPlan(
      '%syntax-version=1.0.0\n%project=x\n\n# comment\na 2020-01-01T00:00:00Z A <a@x> # note\n@v1 2020-01-01T00:00:00Z A <a@x>\nb [a] 2020-01-02T00:00:00Z A <a@x>\na [a@v1] 2020-01-03T00:00:00Z A <a@x>\n@v2 2020-01-04T00:00:00Z A <a@x>\na [a@v2] 2020-01-05T00:00:00Z A <a@x>\n',
    );
    assert.deepEqual(sqitchScriptNames(plan), [
      { change: 'a', script: 'a@v1' },
      { change: 'b', script: 'b' },
      { change: 'a', script: 'a@v2' },
      { change: 'a', script: 'a' },
    ]);
  });

  void test('orderings', () => {
    assert.deepEqual(['v1.10', 'v1.2', 'v1.9', 'v10'].sort(naturalCompare), ['v1.2', 'v1.9', 'v1.10', 'v10']);
    assert.equal(compareDottedVersions('1', '1.0'), 0);
    assert.ok(compareDottedVersions('1.1', '1.10') < 0);
    assert.ok(compareDottedVersions('2', '10') < 0);
  });
});

void describe('real corpora (read in place)', () => {
  void test('langfuse-pg: Prisma, folder names with spaces', async () => {
    const result = await collectSources(['langfuse-pg'], { cwd: corpus });
    assert.deepEqual(result.errors, []);
    assert.equal(result.files.length, 434);
    assert.ok(result.files.every((f) => f.layout === 'prisma' && f.sections[0]?.transaction === 'implicit' && !f.layoutHasDown));
    const migrations = 'langfuse-pg/packages/shared/prisma/migrations';
    assert.equal(result.files[0]?.path, `${migrations}/20230518191501_init/migration.sql`);
    assert.equal(result.files.at(-1)?.path, `${migrations}/20260821121500_backfill_evaluator_v2/migration.sql`);
    const spaced = result.files.find((f) => f.name === 'new_models copy');
    assert.equal(spaced?.path, `${migrations}/20240126184148_new_models copy/migration.sql`);
    assert.equal(spaced?.version, '20240126184148');
    const paths = result.files.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort());
  });

  void test('ory-kratos-pg: popx in two folders, postgres and neutral files, autocommit, shadowed neutral files', async () => {
    const result = await collectSources(['ory-kratos-pg'], { cwd: corpus });
    assert.deepEqual(result.errors, []);
    assert.equal(result.files.length, 768);
    assert.ok(result.files.every((f) => f.layout === 'popx'));
    const base = 'ory-kratos-pg/persistence/sql/migrations';
    assert.equal(result.files[0]?.path, `${base}/legacy/20191100000001_identities.postgres.up.sql`);
    assert.equal(result.files[0]?.dialect, 'postgres');
    assert.equal(result.files[0]?.downPath, `${base}/legacy/20191100000001_identities.postgres.down.sql`);
    assert.equal(result.files.filter((f) => f.path.startsWith(`${base}/legacy/`)).length, 66);
    const neutral = result.files.find((f) => f.path === `${base}/sql/20260703000000000000_courier_messages_status_created_at_idx.autocommit.up.sql`);
    assert.deepEqual(neutral?.shadowedFor, ['postgres']);
    assert.equal(neutral?.sections[0]?.transaction, 'none');
    assert.equal(neutral?.dialect, undefined);
  });

  void test('ory-kratos-mysql: popx, every file mysql', async () => {
    const result = await collectSources(['ory-kratos-mysql'], { cwd: corpus });
    assert.deepEqual(result.errors, []);
    assert.equal(result.files.length, 710);
    assert.ok(result.files.every((f) => f.layout === 'popx' && f.dialect === 'mysql'));
    assert.equal(result.files[0]?.path, 'ory-kratos-mysql/persistence/sql/migrations/legacy/20191100000001_identities.mysql.up.sql');
  });

  void test('harbor-pg: golang-migrate, up files only', async () => {
    const result = await collectSources(['harbor-pg'], { cwd: corpus });
    assert.deepEqual(result.errors, []);
    assert.equal(result.files.length, 39);
    assert.ok(result.files.every((f) => f.layout === 'golang-migrate' && f.sections[0]?.direction === 'up'));
    assert.ok(result.files.every((f) => f.sections[0]?.transaction === 'implicit' && f.downPath === undefined));
    assert.equal(result.files[0]?.path, 'harbor-pg/make/migrations/postgresql/0001_initial_schema.up.sql');
    assert.equal(result.files[1]?.name, '1.7.0_schema');
    assert.equal(result.files.at(-1)?.path, 'harbor-pg/make/migrations/postgresql/0190_2.16.0_schema.up.sql');
  });

  void test('supabase-auth-pg: pop (one file has a .postgres. part), numeric order', async () => {
    const result = await collectSources(['supabase-auth-pg/migrations'], { cwd: corpus });
    assert.deepEqual(result.errors, []);
    assert.equal(result.files.length, 70);
    assert.ok(result.files.every((f) => f.layout === 'popx'));
    assert.equal(result.files[0]?.path, 'supabase-auth-pg/migrations/00_init_auth_schema.up.sql');
    assert.equal(
      result.files.find((f) => f.dialect === 'postgres')?.path,
      'supabase-auth-pg/migrations/20220614074223_add_ip_address_to_audit_log.postgres.up.sql',
    );
  });
});
