/**
 * The connector's options (names, docs, defaults, validators), the task's assigned tables, and the tables the
 * include/exclude lists select.
 */
package io.ctsync.source.config;
