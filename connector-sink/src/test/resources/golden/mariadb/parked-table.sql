-- the parked table (fk.parked.table): records a foreign key refused, until their parent comes
CREATE TABLE IF NOT EXISTS `ctsync_sink_parked` (`connector_name` VARCHAR(190) NOT NULL, `topic` VARCHAR(249) NOT NULL, `kafka_partition` INT NOT NULL, `kafka_offset` BIGINT NOT NULL, `routed_topic` VARCHAR(249) NOT NULL, `table_name` VARCHAR(250) NOT NULL, `row_key` VARCHAR(250) NOT NULL, `parked_ms` BIGINT NOT NULL, `reason` VARCHAR(2000) NULL, `record_timestamp` BIGINT NULL, `record_key` LONGTEXT NULL, `record_value` LONGTEXT NULL, `record_headers` LONGTEXT NULL, PRIMARY KEY (`connector_name`, `topic`, `kafka_partition`, `kafka_offset`));

-- a record parked, in the batch's transaction
INSERT INTO `ctsync_sink_parked` (`connector_name`, `topic`, `kafka_partition`, `kafka_offset`, `routed_topic`, `table_name`, `row_key`, `parked_ms`, `reason`, `record_timestamp`, `record_key`, `record_value`, `record_headers`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- the parked records of a partition, read when the task gets it: parameters connector_name, topic, kafka_partition
SELECT `routed_topic`, `table_name`, `row_key`, `parked_ms`, `reason`, `record_timestamp`, `record_key`, `record_value`, `record_headers`, `kafka_offset` FROM `ctsync_sink_parked` WHERE `connector_name` = ? AND `topic` = ? AND `kafka_partition` = ? ORDER BY `kafka_offset`;

-- a parked record released (applied or dead-lettered): parameters connector_name, topic, kafka_partition, kafka_offset
DELETE FROM `ctsync_sink_parked` WHERE `connector_name` = ? AND `topic` = ? AND `kafka_partition` = ? AND `kafka_offset` = ?;
