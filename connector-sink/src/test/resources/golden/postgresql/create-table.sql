-- a table the sink creates: the record key as primary key, the version column last
CREATE TABLE IF NOT EXISTS "customers" ("id" integer NOT NULL, "name" varchar(40) NULL, "balance" numeric(12,2) NULL, "updated_at" timestamp(6) with time zone NULL, "__ctsync_version" bigint NULL, PRIMARY KEY ("id"));

-- a column added to it (schema.evolution=basic): always nullable
ALTER TABLE "customers" ADD COLUMN "note" text NULL;
