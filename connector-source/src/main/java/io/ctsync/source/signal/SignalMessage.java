package io.ctsync.source.signal;

/**
 * One message of the signal topic.
 *
 * @param position its offset in the signal topic's partition 0: the signal's identity
 * @param key      the message key (Debezium's convention: the connector's topic.prefix); null when none
 * @param value    the JSON signal; null when none
 */
public record SignalMessage(long position, String key, String value) {
}
