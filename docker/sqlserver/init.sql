-- The compose stack's source database: Change Tracking on a small sales schema, and the connector's login.
IF DB_ID('sales') IS NULL CREATE DATABASE sales;
GO
ALTER DATABASE sales SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON);
ALTER DATABASE sales SET ALLOW_SNAPSHOT_ISOLATION ON;
GO
USE sales;
GO
IF OBJECT_ID('dbo.customers') IS NULL
BEGIN
    CREATE TABLE dbo.customers (id int PRIMARY KEY, name nvarchar(100) NOT NULL, email nvarchar(200) NULL, city nvarchar(50) NULL);
    CREATE TABLE dbo.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES dbo.customers (id),
                             status nvarchar(20) NOT NULL, total_cents bigint NOT NULL);
    CREATE TABLE dbo.order_lines (order_id int NOT NULL REFERENCES dbo.orders (id), line_no int NOT NULL,
                                  product nvarchar(50) NOT NULL, quantity int NOT NULL, price_cents int NOT NULL,
                                  PRIMARY KEY (order_id, line_no));
    ALTER TABLE dbo.customers ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON);
    ALTER TABLE dbo.orders ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON);
    ALTER TABLE dbo.order_lines ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON);
    INSERT INTO dbo.customers VALUES (1, 'Customer 1', 'c1@example.com', 'Lisbon'), (2, 'Customer 2', 'c2@example.com', 'Oslo');
    INSERT INTO dbo.orders VALUES (1, 1, 'new', 2500), (2, 2, 'paid', 990);
    INSERT INTO dbo.order_lines VALUES (1, 1, 'kettle', 1, 2500), (2, 1, 'mug', 1, 990);
END
GO
IF SUSER_ID('ctsync') IS NULL CREATE LOGIN ctsync WITH PASSWORD = 'Ctsync-reader-2026';
GO
IF USER_ID('ctsync') IS NULL CREATE USER ctsync FOR LOGIN ctsync;
GRANT SELECT ON SCHEMA::dbo TO ctsync;
GRANT VIEW CHANGE TRACKING ON SCHEMA::dbo TO ctsync;
GRANT VIEW DATABASE STATE TO ctsync;
GO
