/**
 * What differs between target databases and nothing else: identifiers, SQL types, the (gated) upsert and delete SQL,
 * value binding, and how each SQL error is classified.
 */
package io.ctsync.sink.dialect;
