/**
 * The port to a Change Tracking database: facts, tracked tables, poll cycles and the plain values that cross it;
 * nothing here knows T-SQL.
 */
package io.ctsync.source.tracking;
