/**
 * The Connect entry points: the connector plans tables over tasks and checks offset changes, a task captures its
 * tables; both open the database through the factory named by {@code ctsync.database.factory}.
 */
package io.ctsync.source;
