package io.ctsync.source.capture;

import io.ctsync.source.schema.TableSchema;
import io.ctsync.source.schema.TableSchemaFactory;
import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableMetadata;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds a table's event schema when its definition changed (column added, dropped, retyped), without a restart. */
final class SchemaRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRefresh.class);

    private SchemaRefresh() {
    }

    static void apply(TableCapture table, TableMetadata metadata, TableSchemaFactory schemas) {
        TableSchema previous = table.schema;
        if (previous != null && previous.sourceFingerprint().equals(metadata.fingerprint())) {
            return;
        }
        TableSchema next = schemas.build(metadata);
        if (previous != null) {
            LOG.info("Definition of {} changed: columns {} -> {}; the next events carry the new schema", table.id,
                    describe(previous.metadata().columns()), describe(next.metadata().columns()));
        }
        table.schema = next;
    }

    private static List<String> describe(List<Column> columns) {
        return columns.stream().map(c -> c.name() + " " + c.typeName()).toList();
    }
}
