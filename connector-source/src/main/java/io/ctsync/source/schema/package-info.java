/**
 * Connect schemas for SQL Server tables: the type mapping (Debezium's) and the key, row and envelope schemas of
 * each table.
 */
package io.ctsync.source.schema;
