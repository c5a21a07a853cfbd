/**
 * Parking: records refused for a foreign key wait in the parked table and in memory, and are retried until their
 * parent arrives or {@code fk.retry.max.ms} passes.
 */
package io.ctsync.sink.park;
