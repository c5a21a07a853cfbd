/**
 * The task counters as Kafka Connect plugin metrics, registered only on workers that have them (4.1+).
 */
package io.ctsync.sink.metrics;
