-- upsert of a table without a version column (ungated, or gated by the state table): parameters id, name, balance, updated_at
INSERT INTO "customers" AS t ("id", "name", "balance", "updated_at") VALUES (?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "balance" = EXCLUDED."balance", "updated_at" = EXCLUDED."updated_at";
