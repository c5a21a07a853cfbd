/**
 * The sink connector and its task (the top layer): the connector validates the configuration, the task gathers
 * Connect's deliveries into batches, hands each to the batch pipeline in {@code write} (on its writer thread) and
 * retries, fails or reports metrics by what comes back.
 */
package io.ctsync.sink;
