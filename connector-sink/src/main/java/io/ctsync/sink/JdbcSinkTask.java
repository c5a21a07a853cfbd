package io.ctsync.sink;

import io.ctsync.contract.CtsyncVersion;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** Applies the records of its partitions to the target database. */
public class JdbcSinkTask extends SinkTask {

    @Override
    public String version() {
        return CtsyncVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!records.isEmpty()) {
            throw new ConnectException("Applying records is not implemented yet");
        }
    }

    @Override
    public void stop() {
    }
}
