/**
 * The only code that knows T-SQL: the SQL Server implementation of the tracking port over mssql-jdbc, reached only
 * through its database factory.
 */
package io.ctsync.source.tsql;
