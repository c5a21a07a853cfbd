/**
 * The one connection to the target ({@code JdbcSession}, with its cached statements) and what the sink knows of the
 * target tables ({@code TableCatalog}).
 */
package io.ctsync.sink.jdbc;
