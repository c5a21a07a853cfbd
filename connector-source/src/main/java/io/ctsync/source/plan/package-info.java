/**
 * What the connector decides before tasks run: start-up checks of the database, tables spread over tasks, and the
 * monitor that re-plans when tracked tables change.
 */
package io.ctsync.source.plan;
