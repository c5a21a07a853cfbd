package io.ctsync.bench;

import io.ctsync.contract.event.Operation;

/** One change of the workload: an insert or update carries the new row; a delete only the key. */
record Change(Operation op, long version, long id, OrderRow row) {
}
