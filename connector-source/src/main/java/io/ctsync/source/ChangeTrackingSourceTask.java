package io.ctsync.source;

import io.ctsync.contract.CtsyncVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Emits the changes of the tables assigned to it. */
public class ChangeTrackingSourceTask extends SourceTask {

    @Override
    public String version() {
        return CtsyncVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Thread.sleep(100);
        return null;
    }

    @Override
    public void stop() {
    }
}
