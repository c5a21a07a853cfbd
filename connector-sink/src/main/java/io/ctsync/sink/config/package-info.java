/**
 * The connector options (names, docs, defaults, validators, groups) and their typed settings.
 */
package io.ctsync.sink.config;
