-- the offsets table (sync.offsets.table): per connector, topic and partition the next offset to apply
CREATE TABLE IF NOT EXISTS "ctsync_sink_offsets" ("connector_name" varchar(190) NOT NULL, "topic" varchar(249) NOT NULL, "kafka_partition" integer NOT NULL, "next_offset" bigint NOT NULL, "updated_ms" bigint NOT NULL, PRIMARY KEY ("connector_name", "topic", "kafka_partition"));

-- a partition's stored offset, read when the task gets it: parameters connector_name, topic, kafka_partition
SELECT "next_offset" FROM "ctsync_sink_offsets" WHERE "connector_name" = ? AND "topic" = ? AND "kafka_partition" = ?;

-- a partition's first offset, in the batch's transaction (a duplicate key: another task was first, fenced): parameters connector_name, topic, kafka_partition, next_offset, updated_ms
INSERT INTO "ctsync_sink_offsets" ("connector_name", "topic", "kafka_partition", "next_offset", "updated_ms") VALUES (?, ?, ?, ?, ?);

-- compare-and-set of the offset, in the batch's transaction (no row updated: fenced): parameters next_offset, updated_ms, connector_name, topic, kafka_partition, the offset read before
UPDATE "ctsync_sink_offsets" SET "next_offset" = ?, "updated_ms" = ? WHERE "connector_name" = ? AND "topic" = ? AND "kafka_partition" = ? AND "next_offset" = ?;
