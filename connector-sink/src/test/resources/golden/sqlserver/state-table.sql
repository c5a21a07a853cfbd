-- the state table (sync.state.table): per target row its applied version, delete tombstone and column hashes; the row key first in the primary key
IF OBJECT_ID(N'[ctsync_sink_state]', N'U') IS NULL CREATE TABLE [ctsync_sink_state] ([table_name] nvarchar(200) NOT NULL, [row_key] nvarchar(250) NOT NULL, [version] bigint NULL, [deleted] bit NOT NULL, [updated_ms] bigint NOT NULL, [row_hashes] nvarchar(max) NULL, PRIMARY KEY ([row_key], [table_name]));

-- the hashes column added to a state table of an earlier version
ALTER TABLE [ctsync_sink_state] ADD [row_hashes] nvarchar(max) NULL;

-- keyed read of one row's state: parameters table_name, row_key (where the dialect binds row keys as one array, the same statement serves every count)
SELECT [row_key], [version], [deleted], [row_hashes] FROM [ctsync_sink_state] WHERE [table_name] = ? AND [row_key] IN (?);

-- keyed read of up to 16 rows' states (short lists padded with their last key; 128 and 512 alike): parameters table_name, then the row keys (or one array of them)
SELECT [row_key], [version], [deleted], [row_hashes] FROM [ctsync_sink_state] WHERE [table_name] = ? AND [row_key] IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- state written with the batch, gated by version: parameters table_name, row_key, deleted, updated_ms, row_hashes, version
MERGE INTO [ctsync_sink_state] WITH (UPDLOCK, HOLDLOCK) AS tgt USING (VALUES (?, ?, ?, ?, ?, ?)) AS src ([table_name], [row_key], [deleted], [updated_ms], [row_hashes], [version]) ON tgt.[table_name] = src.[table_name] AND tgt.[row_key] = src.[row_key] WHEN MATCHED AND (tgt.[version] IS NULL OR src.[version] IS NULL OR tgt.[version] < src.[version]) THEN UPDATE SET tgt.[deleted] = src.[deleted], tgt.[updated_ms] = src.[updated_ms], tgt.[row_hashes] = src.[row_hashes], tgt.[version] = src.[version] WHEN NOT MATCHED THEN INSERT ([table_name], [row_key], [deleted], [updated_ms], [row_hashes], [version]) VALUES (src.[table_name], src.[row_key], src.[deleted], src.[updated_ms], src.[row_hashes], src.[version]);

-- does a target table have any state: parameter table_name
SELECT 1 FROM [ctsync_sink_state] WHERE [table_name] = ?;

-- purge of old delete tombstones: parameters table_name, deleted (true), updated_ms cut-off
DELETE FROM [ctsync_sink_state] WHERE [table_name] = ? AND [deleted] = ? AND [updated_ms] < ?;
