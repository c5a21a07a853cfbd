/**
 * The rows of one table in one batch: reduction to the last row per key and the cut into statement batches that never
 * reorder one key.
 */
package io.ctsync.sink.buffer;
