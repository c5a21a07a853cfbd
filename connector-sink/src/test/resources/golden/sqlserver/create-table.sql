-- a table the sink creates: the record key as primary key, the version column last
IF OBJECT_ID(N'[customers]', N'U') IS NULL CREATE TABLE [customers] ([id] int NOT NULL, [name] nvarchar(40) NULL, [balance] decimal(12,2) NULL, [updated_at] datetimeoffset(6) NULL, [__ctsync_version] bigint NULL, PRIMARY KEY ([id]));

-- a column added to it (schema.evolution=basic): always nullable
ALTER TABLE [customers] ADD [note] nvarchar(max) NULL;
