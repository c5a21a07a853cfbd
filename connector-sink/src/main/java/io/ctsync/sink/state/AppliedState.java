package io.ctsync.sink.state;

/** What the sink last applied to one row: the change version, and whether it was a delete (a tombstone). */
public record AppliedState(long version, boolean deleted) {
}
