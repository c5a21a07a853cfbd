-- a table the sink creates: the record key as primary key, the version column last
CREATE TABLE IF NOT EXISTS `customers` (`id` INT NOT NULL, `name` VARCHAR(40) NULL, `balance` DECIMAL(12,2) NULL, `updated_at` DATETIME(6) NULL, `__ctsync_version` BIGINT NULL, PRIMARY KEY (`id`));

-- a column added to it (schema.evolution=basic): always nullable
ALTER TABLE `customers` ADD COLUMN IF NOT EXISTS `note` LONGTEXT NULL;
