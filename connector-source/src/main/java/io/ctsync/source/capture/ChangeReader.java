package io.ctsync.source.capture;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.source.anchor.KeyText;
import io.ctsync.source.event.ChangeEventFactory;
import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.ChangeRow;
import io.ctsync.source.tracking.KeyPosition;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a page of a table's changes after its anchor, up to the cycle's upper bound U, in (version, key) order.
 *
 * <p>Offsets never split a version silently: a record whose version is complete (the next change has a higher
 * version) carries the anchor at its version; one inside a version carries a cursor (version, key) that resumes
 * right after it; the last change of a page that reached U carries the anchor U itself. One row more than the page
 * is read to tell which case applies.
 */
final class ChangeReader {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeReader.class);

    private final ChangeEventFactory events;
    private final int batchMaxRows;
    private final Optional<byte[]> excludedContext;
    private final LongSupplier clock;
    private final boolean commitTimes;
    /** Commit times of the versions of the page last read (empty unless events carry commit times). */
    private Map<Long, Instant> pageCommitTimes = Map.of();

    ChangeReader(ChangeEventFactory events, int batchMaxRows, Optional<byte[]> excludedContext, LongSupplier clock,
                 boolean commitTimes) {
        this.events = events;
        this.batchMaxRows = batchMaxRows;
        this.excludedContext = excludedContext;
        this.clock = clock;
        this.commitTimes = commitTimes;
    }

    /** The changes of the next page: at most {@code budget} (and {@code batch.max.rows}) plus one to look ahead. */
    List<ChangeRow> read(ChangeCycle cycle, TableCapture table, long upper, int budget) {
        IncrementalAnchor anchor = (IncrementalAnchor) table.position();
        Optional<KeyPosition> after = anchor.cursor()
                .map(c -> new KeyPosition(c.changeVersion(), KeyText.decode(table.schema.keyColumns(), c.key())));
        int limit = Math.min(batchMaxRows, budget);
        List<ChangeRow> page = cycle.changes(table.schema.metadata(), table.rowFilter, anchor.version(), upper, after,
                limit + 1);
        pageCommitTimes = commitTimes && !page.isEmpty()
                ? cycle.commitTimes(page.get(0).version(), page.get(page.size() - 1).version()) : Map.of();
        return page;
    }

    /** Emits the page read by {@link #read} and moves the table's position past it. */
    void emit(TableCapture table, List<ChangeRow> page, long upper, int budget, List<SourceRecord> out) {
        IncrementalAnchor anchor = (IncrementalAnchor) table.position();
        int limit = Math.min(batchMaxRows, budget);
        boolean reachedUpper = page.size() <= limit;
        int count = Math.min(page.size(), limit);
        long now = clock.getAsLong();
        IncrementalAnchor position = anchor;
        for (int i = 0; i < count; i++) {
            ChangeRow change = page.get(i);
            boolean lastOfPage = i == count - 1;
            if (lastOfPage && reachedUpper) {
                position = IncrementalAnchor.at(upper);
            } else if (page.get(i + 1).version() != change.version()) {
                position = IncrementalAnchor.at(change.version());
            } else {
                // The cursor keeps the baseline the page was asked relative to: a version is never split into anchors.
                position = IncrementalAnchor.within(anchor.version(), change.version(), KeyText.encode(change.key()));
            }
            if (!excluded(change)) {
                Instant committed = pageCommitTimes.get(change.version());
                long sourceTs = committed == null ? now : committed.toEpochMilli();
                // A row that fails the filter may have left it (no before-image tells): consumers delete the key.
                ChangeRow emitted = change.leftFilter() ? change.asDelete() : change;
                out.addAll(events.change(table.schema, emitted, table.offset(position), sourceTs, now));
            }
        }
        if (count == 0 && reachedUpper && upper > anchor.version()) {
            position = IncrementalAnchor.at(upper);
        }
        if (!position.equals(anchor)) {
            LOG.debug("Anchor of {} advanced from {} to {} ({} changes read)", table.id, anchor.toMap(), position.toMap(), count);
        }
        table.anchor = table.anchor.moveTo(position);
    }

    private boolean excluded(ChangeRow change) {
        return excludedContext.isPresent() && change.context() != null
                && Arrays.equals(excludedContext.get(), change.context());
    }
}
