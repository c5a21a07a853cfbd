/**
 * What the sink does about a failure: classify it once (transient, record-level, structural), retry transient ones,
 * and send records that cannot be applied to the dead-letter topic.
 */
package io.ctsync.sink.error;
