/**
 * Conflict detection and rules: compares the target row with what the sink last wrote and decides, per
 * {@code conflict.*} rule, whose change wins; notices go to the conflict topic.
 */
package io.ctsync.sink.conflict;
