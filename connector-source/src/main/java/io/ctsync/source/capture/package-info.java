/**
 * Poll cycles over a task's tables: snapshot chunks, pages of changes after each anchor, schema refreshes, all in
 * one transaction whose table state counts only once it committed.
 */
package io.ctsync.source.capture;
