-- delete by key (no version column): parameter id
DELETE FROM [customers] WHERE [id] = ?;

-- delete gated by the version column: only when the stored version is null or lower; parameters id, version
DELETE FROM [customers] WHERE [id] = ? AND ([__ctsync_version] IS NULL OR [__ctsync_version] < ?);
