package io.ctsync.source.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Debezium's execute-snapshot signal as this connector reads it, and the complaint for each bad one. */
class SignalParserTest {

    private final SignalParser parser = new SignalParser("erp");

    private ParsedSignal parse(String key, String value) {
        return parser.parse(new SignalMessage(7, key, value));
    }

    private String problem(String value) {
        ParsedSignal signal = parse("erp", value);
        assertThat(signal).isInstanceOf(ParsedSignal.Rejected.class);
        assertThat(signal.position()).isEqualTo(7);
        return ((ParsedSignal.Rejected) signal).problem();
    }

    @Test
    void debeziumsExecuteSnapshotSignalNamesTheTablesAsRegularExpressions() {
        ParsedSignal signal = parse("erp", "{\"id\":\"s1\",\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":"
                + "[\"sales.dbo.orders\",\"sales.dbo.order_.*\"],\"type\":\"INCREMENTAL\"}}");

        assertThat(signal).isInstanceOf(ParsedSignal.ExecuteSnapshot.class);
        ParsedSignal.ExecuteSnapshot snapshot = (ParsedSignal.ExecuteSnapshot) signal;
        assertThat(snapshot.id()).isEqualTo("s1");
        assertThat(snapshot.collections()).extracting(Pattern::pattern).containsExactly("sales.dbo.orders",
                "sales.dbo.order_.*");
        assertThat(snapshot.collections().get(1).matcher("Sales.DBO.order_lines").matches()).isTrue();
    }

    @Test
    void dataAsAJsonStringAsDebeziumsSignalTablesWriteItAndBlockingAreAccepted() {
        assertThat(parse("erp", "{\"type\":\"execute-snapshot\",\"data\":\"{\\\"data-collections\\\":[\\\"dbo.a\\\"],"
                + "\\\"type\\\":\\\"blocking\\\"}\"}")).isInstanceOf(ParsedSignal.ExecuteSnapshot.class);
    }

    @Test
    void aSignalKeyedForAnotherConnectorIsNotOurs() {
        assertThat(parse("crm", "{\"type\":\"execute-snapshot\"}")).isInstanceOf(ParsedSignal.ForAnotherConnector.class);
    }

    @Test
    void eachBadSignalIsRejectedSayingWhatToFix() {
        assertThat(((ParsedSignal.Rejected) parse(null, "{}")).problem()).contains("has no key")
                .contains("topic.prefix 'erp'");
        assertThat(problem("not json")).contains("is not a JSON object").contains("\"execute-snapshot\"");
        assertThat(problem("{\"data\":{}}")).contains("has no \"type\"");
        assertThat(problem("{\"type\":\"stop-snapshot\"}")).contains("type 'stop-snapshot'")
                .contains("executes 'execute-snapshot' only");
        assertThat(problem("{\"type\":\"execute-snapshot\"}")).contains("has no \"data\" object");
        assertThat(problem("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[]}}"))
                .contains("no \"data-collections\" array");
        assertThat(problem("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[42]}}"))
                .contains("entry 42 that is not a table name");
        assertThat(problem("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"dbo.(a\"]}}"))
                .contains("'dbo.(a', which is not a valid regular expression");
        assertThat(problem("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"dbo.a\"],\"type\":\"x\"}}"))
                .contains("snapshot type 'x'").contains("'incremental' or 'blocking'");
        assertThat(problem("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"dbo.a\"],"
                + "\"additional-conditions\":[{\"data-collection\":\"dbo.a\",\"filter\":\"id > 1\"}]}}"))
                .contains("filtered snapshot").contains("without it");
        assertThat(problem("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"dbo.a\"],"
                + "\"surrogate-key\":\"code\"}}")).contains("\"surrogate-key\"");
    }
}
