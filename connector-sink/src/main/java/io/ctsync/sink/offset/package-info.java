/**
 * Exactly-once offsets: the Kafka offsets the sink applied, kept in the target and written with a compare-and-set in
 * the same transaction as the data.
 */
package io.ctsync.sink.offset;
