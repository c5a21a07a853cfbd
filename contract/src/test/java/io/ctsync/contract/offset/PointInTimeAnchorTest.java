package io.ctsync.contract.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointInTimeAnchorTest {

    @Test
    void readsATimeWithItsZoneAsAnInstantAndRoundTrips() {
        TableAnchor anchor = TableAnchor.fromMap(Map.of("phase", "incremental", "since", "2026-11-29T01:00:00+01:00"));

        assertThat(anchor).isEqualTo(PointInTimeAnchor.since(Instant.parse("2026-11-29T00:00:00Z")));
        assertThat(anchor.toMap()).containsEntry("since", "2026-11-29T00:00:00Z").containsEntry("if_expired", "refuse");
        assertThat(TableAnchor.fromMap(anchor.toMap())).isEqualTo(anchor);
    }

    @Test
    void resnapshotIsAnExplicitChoice() {
        TableAnchor anchor = TableAnchor.fromMap(Map.of("phase", "incremental", "since", "2026-11-29T00:00:00Z",
                "if_expired", "resnapshot"));

        assertThat(((PointInTimeAnchor) anchor).ifExpired()).isEqualTo(PointInTimeAnchor.IfExpired.RESNAPSHOT);
    }

    @Test
    void refusesALocalTimeNamingTheFormat() {
        assertThatThrownBy(() -> TableAnchor.fromMap(Map.of("phase", "incremental", "since", "2026-11-29T00:00:00")))
                .isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("'since' must be an ISO-8601 time with its zone offset")
                .hasMessageContaining("'2026-11-29T00:00:00'");
    }

    @Test
    void refusesATimeAndAVersionTogether() {
        assertThatThrownBy(() -> TableAnchor.fromMap(Map.of("phase", "incremental", "since", "2026-11-29T00:00:00Z",
                "version", 12L)))
                .isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("rewind either to a time or to a version");
    }

    @Test
    void refusesAnUnknownChoice() {
        assertThatThrownBy(() -> TableAnchor.fromMap(Map.of("phase", "incremental", "since", "2026-11-29T00:00:00Z",
                "if_expired", "skip")))
                .isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("'if_expired' must be 'refuse' (the default) or 'resnapshot', but was 'skip'");
    }
}
