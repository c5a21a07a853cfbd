/**
 * Change events: Debezium-style envelopes and tombstones built from rows and the table's schemas.
 */
package io.ctsync.source.event;
