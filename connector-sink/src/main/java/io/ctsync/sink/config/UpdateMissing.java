package io.ctsync.sink.config;

/** What an update of a row the target does not have does ({@code conflict.update.missing}). */
public enum UpdateMissing {
    INSERT, SKIP, MANUAL;

    public String optionValue() {
        return EnumValidator.optionValue(this);
    }
}
