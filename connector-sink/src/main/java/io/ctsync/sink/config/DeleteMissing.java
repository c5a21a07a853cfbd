package io.ctsync.sink.config;

/** What a delete of a row the target does not have does ({@code conflict.delete.missing}). */
public enum DeleteMissing {
    IGNORE, MANUAL;

    public String optionValue() {
        return EnumValidator.optionValue(this);
    }
}
