package io.ctsync.sink.write;

import io.ctsync.sink.buffer.StatementGroup;
import io.ctsync.sink.buffer.TableBuffer;
import io.ctsync.sink.offset.OffsetStore;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.record.RecordInterpreter;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.RowKeys;
import io.ctsync.sink.state.SinkCounters;
import io.ctsync.sink.state.StateStore;
import io.ctsync.sink.state.VersionGate;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Applies one {@code put()} batch in one transaction: skip records the target already has (by the stored offsets),
 * interpret, resolve layouts (schema changes happen here, before any row is written), hold back duplicates, buffer per
 * table, write each table's statement batches, write the state rows and the new offsets, commit. Any failure leaves
 * nothing behind: the caller rolls back.
 */
public final class BatchWriter {

    private final JdbcSession session;
    private final RecordInterpreter interpreter;
    private final LayoutResolver layouts;
    private final VersionGate gate;
    private final StateStore state;
    private final OffsetStore offsets;
    private final boolean reduce;
    private final SinkCounters counters;

    public BatchWriter(JdbcSession session, RecordInterpreter interpreter, LayoutResolver layouts, VersionGate gate,
                       StateStore state, OffsetStore offsets, boolean reduce, SinkCounters counters) {
        this.session = session;
        this.interpreter = interpreter;
        this.layouts = layouts;
        this.gate = gate;
        this.state = state;
        this.offsets = offsets;
        this.reduce = reduce;
        this.counters = counters;
    }

    /**
     * Writes and commits the records.
     *
     * @param committed the next offset the target holds per partition (records below it are skipped)
     * @param rowByRow  execute every row on its own, to find the one a batch failed on ({@link FailedRow})
     * @return the next offsets now committed with the data
     */
    public Map<TopicPartition, Long> write(Collection<SinkRecord> records, Map<TopicPartition, Long> committed,
                                           boolean rowByRow) throws SQLException {
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TableId, List<PendingRow>> byTable = new LinkedHashMap<>();
        int redelivered = 0;
        int skipped = 0;
        for (SinkRecord record : records) {
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            long offset = record.originalKafkaOffset();
            Long applied = committed.get(partition);
            if (applied != null && offset < applied) {
                redelivered++;
                continue;
            }
            next.merge(partition, offset + 1, Math::max);
            ChangeEvent event = interpreter.interpret(record);
            RowLayout layout = event == null ? null : layouts.resolve(session, event);
            if (layout == null) {
                skipped++;
                continue;
            }
            Object[] key = layout.keyValues(event);
            byTable.computeIfAbsent(layout.tableId(), t -> new ArrayList<>())
                    .add(new PendingRow(event, layout, key, RowKeys.encode(key)));
        }
        List<PendingRow> written = new ArrayList<>();
        for (List<PendingRow> rows : byTable.values()) {
            TableBuffer buffer = new TableBuffer(reduce);
            gate.filter(session, rows, counters).forEach(buffer::add);
            for (StatementGroup group : buffer.groups()) {
                execute(group, rowByRow);
            }
            written.addAll(buffer.rows());
        }
        state.write(session, gate.stateRows(written), System.currentTimeMillis());
        if (!next.isEmpty()) {
            offsets.write(session, next, committed, System.currentTimeMillis());
        }
        session.commit();
        counters.redeliveries(redelivered);
        counters.skipped(skipped);
        return next;
    }

    private void execute(StatementGroup group, boolean rowByRow) throws SQLException {
        PreparedStatement statement = session.prepare(group.sql());
        RowLayout layout = group.rows().get(0).layout();
        boolean delete = group.rows().get(0).event().isDelete();
        if (rowByRow) {
            for (PendingRow row : group.rows()) {
                layout.bind(session.dialect(), statement, row);
                try {
                    tally(row, statement.executeUpdate(), delete);
                } catch (SQLException e) {
                    throw new FailedRow(row, e);
                }
            }
            return;
        }
        for (PendingRow row : group.rows()) {
            row.layout().bind(session.dialect(), statement, row);
            statement.addBatch();
        }
        int[] counts = statement.executeBatch();
        for (int i = 0; i < counts.length; i++) {
            tally(group.rows().get(i), counts[i], delete);
        }
    }

    private void tally(PendingRow row, int count, boolean delete) {
        boolean gatedInSql = row.layout().versionColumn() && row.event().version() != null;
        if (count == Statement.SUCCESS_NO_INFO) {
            counters.applied(delete, 1);
            if (gatedInSql && !delete) {
                counters.unconfirmed(1);
            }
        } else if (count == 0 && gatedInSql && !delete) {
            counters.duplicates(1);
        } else {
            counters.applied(delete, 1);
        }
    }
}
