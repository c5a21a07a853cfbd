-- upsert gated by the version column: the row changes only when its stored version is null, the new one is null, or the stored one is lower; parameters id, name, balance, updated_at, version
INSERT INTO "customers" AS t ("id", "name", "balance", "updated_at", "__ctsync_version") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "balance" = EXCLUDED."balance", "updated_at" = EXCLUDED."updated_at", "__ctsync_version" = EXCLUDED."__ctsync_version" WHERE t."__ctsync_version" IS NULL OR EXCLUDED."__ctsync_version" IS NULL OR t."__ctsync_version" < EXCLUDED."__ctsync_version";

-- update of the changed columns only (merge-changed-columns): parameters name, version, id, version
UPDATE "customers" SET "name" = ?, "__ctsync_version" = ? WHERE "id" = ? AND ("__ctsync_version" IS NULL OR "__ctsync_version" < ?);
