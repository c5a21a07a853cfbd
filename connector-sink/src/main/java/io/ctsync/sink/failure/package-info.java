/**
 * The failure kinds every layer raises at the bottom: transient, record-level or structural, and the exceptions that
 * carry a record-level or structural failure.
 */
package io.ctsync.sink.failure;
