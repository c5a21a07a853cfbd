-- the parked table (fk.parked.table): records a foreign key refused, until their parent comes
IF OBJECT_ID(N'[ctsync_sink_parked]', N'U') IS NULL CREATE TABLE [ctsync_sink_parked] ([connector_name] nvarchar(190) NOT NULL, [topic] nvarchar(249) NOT NULL, [kafka_partition] int NOT NULL, [kafka_offset] bigint NOT NULL, [routed_topic] nvarchar(249) NOT NULL, [table_name] nvarchar(250) NOT NULL, [row_key] nvarchar(250) NOT NULL, [parked_ms] bigint NOT NULL, [reason] nvarchar(2000) NULL, [record_timestamp] bigint NULL, [record_key] nvarchar(max) NULL, [record_value] nvarchar(max) NULL, [record_headers] nvarchar(max) NULL, PRIMARY KEY ([connector_name], [topic], [kafka_partition], [kafka_offset]));

-- a record parked, in the batch's transaction
INSERT INTO [ctsync_sink_parked] ([connector_name], [topic], [kafka_partition], [kafka_offset], [routed_topic], [table_name], [row_key], [parked_ms], [reason], [record_timestamp], [record_key], [record_value], [record_headers]) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- the parked records of a partition, read when the task gets it: parameters connector_name, topic, kafka_partition
SELECT [routed_topic], [table_name], [row_key], [parked_ms], [reason], [record_timestamp], [record_key], [record_value], [record_headers], [kafka_offset] FROM [ctsync_sink_parked] WHERE [connector_name] = ? AND [topic] = ? AND [kafka_partition] = ? ORDER BY [kafka_offset];

-- a parked record released (applied or dead-lettered): parameters connector_name, topic, kafka_partition, kafka_offset
DELETE FROM [ctsync_sink_parked] WHERE [connector_name] = ? AND [topic] = ? AND [kafka_partition] = ? AND [kafka_offset] = ?;
