package io.ctsync.source.tracking;

import java.time.Instant;

/** A committed Change Tracking version and when it was committed (a row of {@code sys.dm_tran_commit_table}). */
public record VersionCommit(long version, Instant committed) {
}
