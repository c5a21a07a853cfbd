-- a table the sink creates: the record key as primary key, the version column last
CREATE TABLE IF NOT EXISTS "customers" ("id" INTEGER NOT NULL, "name" VARCHAR(40) NULL, "balance" TEXT NULL, "updated_at" TEXT NULL, "__ctsync_version" INTEGER NULL, PRIMARY KEY ("id"));

-- a column added to it (schema.evolution=basic): always nullable
ALTER TABLE "customers" ADD COLUMN "note" TEXT NULL;
