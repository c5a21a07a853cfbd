/**
 * Signals: operator requests sent while the connector runs, named and shaped as Debezium's ("execute-snapshot" with
 * "data-collections"). A signal is read from the Kafka signal topic ({@link io.ctsync.source.signal.KafkaSignalChannel}),
 * parsed ({@link io.ctsync.source.signal.SignalParser}) and handed to the capture of the tables it names
 * ({@link io.ctsync.source.signal.SignalDispatcher}); a bad signal is one WARN line saying what to fix, never a task
 * failure.
 */
package io.ctsync.source.signal;
