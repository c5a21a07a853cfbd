/**
 * The sink state table (per row: last applied version, tombstones, conflict hashes), the text form of row keys, and the
 * task counters.
 */
package io.ctsync.sink.state;
