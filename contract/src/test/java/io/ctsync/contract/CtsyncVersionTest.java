package io.ctsync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CtsyncVersionTest {

    @Test
    void versionComesFromTheBuild() {
        assertThat(CtsyncVersion.get()).isEqualTo(System.getProperty("ctsync.expected.version"));
    }
}
