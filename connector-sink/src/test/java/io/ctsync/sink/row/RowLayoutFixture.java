package io.ctsync.sink.row;

import io.ctsync.sink.dialect.Dialects;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.schema.ColumnInfo;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.schema.ValueConverter;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/** A real {@link RowLayout} of a table {@code (id INT PRIMARY KEY)} for tests of the parts above the database. */
public final class RowLayoutFixture {

    private final RowLayout layout;

    public RowLayoutFixture(TableId table, io.ctsync.sink.config.SchemaEvolution evolution,
                            io.ctsync.sink.config.VersionMode mode) {
        TableDefinition definition = new TableDefinition(table, List.of(new ColumnInfo("id", Types.INTEGER, "INTEGER", 10, false)),
                List.of("id"), List.of());
        ColumnBinding id = new ColumnBinding("id", ColumnBinding.Source.KEY_VALUE, null, FieldType.of(Kind.INT32),
                ValueConverter.IDENTITY);
        layout = new RowLayout(Dialects.create("sqlite", null, Map.of()), definition, table.toString(), List.of(id), List.of(),
                mode == io.ctsync.sink.config.VersionMode.COLUMN ? "__ctsync_version" : null, mode == io.ctsync.sink.config.VersionMode.TABLE);
    }

    public PendingRow row(int id, ChangeEvent.Op op, SinkRecord record) {
        ChangeEvent event = new ChangeEvent(record, op, layout.tableId(), null, null);
        return new PendingRow(event, layout, new Object[] {id}, Integer.toString(id));
    }
}
