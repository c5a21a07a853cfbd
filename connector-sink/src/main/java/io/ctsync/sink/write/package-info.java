/**
 * The batch pipeline, on the task's writer thread ({@link io.ctsync.sink.write.BackgroundWriter}): one batch of
 * gathered records becomes change events, layouts, gated and conflict-checked rows, JDBC statement
 * batches, and one commit of data, state, offsets and parked records together; it composes every policy package.
 */
package io.ctsync.sink.write;
