import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { prepareSchema, type Db } from './db';

/** One set of migrations for both dialects; types chosen so SQLite and PostgreSQL read the same. */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('epoch', 'text', (c) => c.notNull())
        .addColumn('horizon', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('tokens_team').on('tokens').column('team_id').execute();
      await db.schema
        .createTable('lessons')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('deleted_at', 'text')
        .addColumn('data', 'text')
        .addColumn('meta', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('lessons_pk', ['team_id', 'id'])
        .execute();
      await db.schema.createIndex('lessons_team_version').on('lessons').columns(['team_id', 'version']).unique().execute();
      await db.schema
        .createTable('applied_ops')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('op_id', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('applied_ops_pk', ['team_id', 'client_id', 'op_id'])
        .execute();
      await db.schema.createIndex('applied_ops_created').on('applied_ops').column('created_at').execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['applied_ops', 'lessons', 'tokens', 'teams']) await db.schema.dropTable(table).execute();
    },
  },
  // Tokens name a member (the server writes lessons' author from it); teams count what they store for the quota.
  '0002_members_and_quota': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('tokens').addColumn('member', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('teams').addColumn('lesson_count', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('teams').addColumn('lesson_bytes', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      await sql`update teams set
        lesson_count = (select count(*) from lessons l where l.team_id = teams.id and l.deleted = 0),
        lesson_bytes = (select coalesce(sum(octet_length(l.data)), 0) from lessons l where l.team_id = teams.id and l.deleted = 0)`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('tokens').dropColumn('member').execute();
      await db.schema.alterTable('teams').dropColumn('lesson_count').execute();
      await db.schema.alterTable('teams').dropColumn('lesson_bytes').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrate(handle: Db): Promise<void> {
  await prepareSchema(handle);
  // Kysely's Migrator takes a PostgreSQL advisory lock itself, so instances starting together are safe.
  const migrator = new Migrator({ db: handle.db, provider, migrationTableSchema: handle.pgSchema });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
