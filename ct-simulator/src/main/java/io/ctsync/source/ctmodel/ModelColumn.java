package io.ctsync.source.ctmodel;

import io.ctsync.source.tracking.Column;

/** A column definition for the model's CREATE/ALTER TABLE. */
public record ModelColumn(String name, String typeName, int maxLength, int precision, int scale, boolean nullable,
                          int keyOrdinal) {

    public static ModelColumn key(String name, String typeName) {
        return key(name, typeName, 1);
    }

    public static ModelColumn key(String name, String typeName, int keyOrdinal) {
        return new ModelColumn(name, typeName, 0, 0, 0, false, keyOrdinal);
    }

    public static ModelColumn of(String name, String typeName) {
        return new ModelColumn(name, typeName, 0, 0, 0, true, 0);
    }

    public static ModelColumn decimal(String name, int precision, int scale) {
        return new ModelColumn(name, "decimal", 0, precision, scale, true, 0);
    }

    /** A type with a fractional-second precision or length, e.g. datetime2(7), time(3), nvarchar(50). */
    public static ModelColumn sized(String name, String typeName, int size) {
        boolean fractionalSeconds = typeName.equals("time") || typeName.equals("datetime2") || typeName.equals("datetimeoffset");
        return new ModelColumn(name, typeName, fractionalSeconds ? 0 : size, 0, fractionalSeconds ? size : 0, true, 0);
    }

    Column toColumn(int columnId) {
        return new Column(name, columnId, typeName, maxLength, precision, scale, nullable, keyOrdinal);
    }
}
