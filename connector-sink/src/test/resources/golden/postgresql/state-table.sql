-- the state table (sync.state.table): per target row its applied version, delete tombstone and column hashes; the row key first in the primary key
CREATE TABLE IF NOT EXISTS "ctsync_sink_state" ("table_name" varchar(200) NOT NULL, "row_key" varchar(250) NOT NULL, "version" bigint NULL, "deleted" boolean NOT NULL, "updated_ms" bigint NOT NULL, "row_hashes" text NULL, PRIMARY KEY ("row_key", "table_name"));

-- the hashes column added to a state table of an earlier version
ALTER TABLE "ctsync_sink_state" ADD COLUMN "row_hashes" text NULL;

-- keyed read of one row's state: parameters table_name, row_key (where the dialect binds row keys as one array, the same statement serves every count)
SELECT "row_key", "version", "deleted", "row_hashes" FROM "ctsync_sink_state" WHERE "table_name" = ? AND "row_key" = ANY(CAST(? AS varchar[]));

-- keyed read of up to 16 rows' states (short lists padded with their last key; 128 and 512 alike): parameters table_name, then the row keys (or one array of them)
SELECT "row_key", "version", "deleted", "row_hashes" FROM "ctsync_sink_state" WHERE "table_name" = ? AND "row_key" = ANY(CAST(? AS varchar[]));

-- state written with the batch, gated by version: parameters table_name, row_key, deleted, updated_ms, row_hashes, version
INSERT INTO "ctsync_sink_state" AS t ("table_name", "row_key", "deleted", "updated_ms", "row_hashes", "version") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("table_name", "row_key") DO UPDATE SET "deleted" = EXCLUDED."deleted", "updated_ms" = EXCLUDED."updated_ms", "row_hashes" = EXCLUDED."row_hashes", "version" = EXCLUDED."version" WHERE t."version" IS NULL OR EXCLUDED."version" IS NULL OR t."version" < EXCLUDED."version";

-- does a target table have any state: parameter table_name
SELECT 1 FROM "ctsync_sink_state" WHERE "table_name" = ?;

-- purge of old delete tombstones: parameters table_name, deleted (true), updated_ms cut-off
DELETE FROM "ctsync_sink_state" WHERE "table_name" = ? AND "deleted" = ? AND "updated_ms" < ?;
