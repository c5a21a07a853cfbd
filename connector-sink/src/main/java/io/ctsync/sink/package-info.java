/**
 * The sink connector and its task (the top layer): the connector validates the configuration, the task hands each
 * {@code put()} to the batch pipeline in {@code write} and retries, fails or reports metrics by what comes back.
 */
package io.ctsync.sink;
