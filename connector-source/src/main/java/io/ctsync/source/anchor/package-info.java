/**
 * The anchor's life in one place: each table's source partition, the anchors read when a task starts, the anchor a
 * table holds and whether Connect has it, heartbeats that commit anchors that moved without an event, the check
 * against the minimum valid version, primary keys as offset text, and the checks on offsets an operator writes.
 */
package io.ctsync.source.anchor;
