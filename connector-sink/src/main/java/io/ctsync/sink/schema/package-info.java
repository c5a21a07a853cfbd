/**
 * The model at the bottom: table ids and definitions, column specs, and the Connect-to-SQL type model.
 */
package io.ctsync.sink.schema;
