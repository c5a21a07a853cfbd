-- upsert of a table without a version column (ungated, or gated by the state table): parameters id, name, balance, updated_at
INSERT INTO `customers` (`id`, `name`, `balance`, `updated_at`) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `balance` = VALUES(`balance`), `updated_at` = VALUES(`updated_at`);
