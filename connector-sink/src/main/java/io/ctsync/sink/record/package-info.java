/**
 * Reading a {@code SinkRecord} as one change event (ctsync or Debezium envelope, flat row, tombstone): table, operation,
 * row values and change version.
 */
package io.ctsync.sink.record;
