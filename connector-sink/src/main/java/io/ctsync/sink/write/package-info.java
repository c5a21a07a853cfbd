/**
 * The batch pipeline: one {@code put()} becomes change events, layouts, gated and conflict-checked rows, JDBC statement
 * batches, and one commit of data, state, offsets and parked records together; it composes every policy package.
 */
package io.ctsync.sink.write;
