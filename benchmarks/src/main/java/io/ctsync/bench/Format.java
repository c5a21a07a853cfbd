package io.ctsync.bench;

/** How the change events are serialized in the topic. */
enum Format {
    /** JsonConverter with schemas embedded in every record. */
    JSON,
    /** Avro through Apicurio's converter and a real Apicurio registry (Confluent wire format). */
    AVRO
}
