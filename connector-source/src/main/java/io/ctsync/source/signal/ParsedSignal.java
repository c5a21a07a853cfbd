package io.ctsync.source.signal;

import java.util.List;
import java.util.regex.Pattern;

/** What a signal message says to this connector. */
public sealed interface ParsedSignal {

    long position();

    /**
     * {@code execute-snapshot}: re-snapshot every captured table one of {@code collections} matches.
     *
     * @param id          the signal's own id, if it carries one (for logs)
     * @param collections Debezium's data-collections: regular expressions for {@code <database>.<schema>.<table>}
     */
    record ExecuteSnapshot(long position, String id, List<Pattern> collections) implements ParsedSignal {
    }

    /** Not usable; {@code problem} says what is wrong and how to fix it. */
    record Rejected(long position, String problem) implements ParsedSignal {
    }

    /** Keyed for another connector sharing the signal topic (its key is another topic.prefix). */
    record ForAnotherConnector(long position, String key) implements ParsedSignal {
    }
}
