package io.ctsync.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One row of the benchmark table: ten columns of mixed types, keyed by {@code id}. */
record OrderRow(long id, String customer, BigDecimal amount, int quantity, boolean active, Instant createdAt,
                LocalDate shipDate, double ratio, String note, String code) {
}
