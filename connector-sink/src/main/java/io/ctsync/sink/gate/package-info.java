/**
 * The version gate: {@code GatePolicy} alone reads {@code sync.version.mode}, {@code VersionGate} holds back events not
 * newer than what the row already has.
 */
package io.ctsync.sink.gate;
