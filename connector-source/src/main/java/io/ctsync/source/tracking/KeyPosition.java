package io.ctsync.source.tracking;

import java.util.List;

/** A position inside the changes after an anchor: the last change read, by version and primary key. */
public record KeyPosition(long version, List<Object> key) {
}
