package io.ctsync.bench;

/** How the change events are serialized in the topic. */
enum Format {
    /** Kafka's JsonConverter with schemas embedded in every record. */
    JSON,
    /** The same JSON wire format through ctsync's FastJsonConverter (ctsync-json-converter), in both sinks. */
    JSON_FAST,
    /** Avro through Apicurio's converter and a real Apicurio registry (Confluent wire format). */
    AVRO
}
