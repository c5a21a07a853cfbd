package io.ctsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.config.ConfigDefs;
import org.junit.jupiter.api.Test;

class SourceConnectorConfigTest {

    @Test
    void everyOptionIsDocumentedGroupedOrderedNamedAndValidated() {
        assertThat(ConfigDefs.incompleteOptions(new ChangeTrackingSourceConnector().config())).isEmpty();
    }
}
