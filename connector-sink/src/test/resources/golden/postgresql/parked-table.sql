-- the parked table (fk.parked.table): records a foreign key refused, until their parent comes
CREATE TABLE IF NOT EXISTS "ctsync_sink_parked" ("connector_name" varchar(190) NOT NULL, "topic" varchar(249) NOT NULL, "kafka_partition" integer NOT NULL, "kafka_offset" bigint NOT NULL, "routed_topic" varchar(249) NOT NULL, "table_name" varchar(250) NOT NULL, "row_key" varchar(250) NOT NULL, "parked_ms" bigint NOT NULL, "reason" varchar(2000) NULL, "record_timestamp" bigint NULL, "record_key" text NULL, "record_value" text NULL, "record_headers" text NULL, PRIMARY KEY ("connector_name", "topic", "kafka_partition", "kafka_offset"));

-- a record parked, in the batch's transaction
INSERT INTO "ctsync_sink_parked" ("connector_name", "topic", "kafka_partition", "kafka_offset", "routed_topic", "table_name", "row_key", "parked_ms", "reason", "record_timestamp", "record_key", "record_value", "record_headers") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- the parked records of a partition, read when the task gets it: parameters connector_name, topic, kafka_partition
SELECT "routed_topic", "table_name", "row_key", "parked_ms", "reason", "record_timestamp", "record_key", "record_value", "record_headers", "kafka_offset" FROM "ctsync_sink_parked" WHERE "connector_name" = ? AND "topic" = ? AND "kafka_partition" = ? ORDER BY "kafka_offset";

-- a parked record released (applied or dead-lettered): parameters connector_name, topic, kafka_partition, kafka_offset
DELETE FROM "ctsync_sink_parked" WHERE "connector_name" = ? AND "topic" = ? AND "kafka_partition" = ? AND "kafka_offset" = ?;
