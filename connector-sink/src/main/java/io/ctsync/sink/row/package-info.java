/**
 * The batch primitives every policy shares: an event ready to write ({@code PendingRow}) with its table layout and
 * column bindings, its reference ({@code RowRef}), the parked record it may retry, and the row a statement failed on.
 */
package io.ctsync.sink.row;
