package io.ctsync.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.config.ConfigDefs;
import org.junit.jupiter.api.Test;

class SinkConnectorConfigTest {

    @Test
    void everyOptionIsDocumentedGroupedOrderedNamedAndValidated() {
        assertThat(ConfigDefs.incompleteOptions(new JdbcSinkConnector().config())).isEmpty();
    }
}
