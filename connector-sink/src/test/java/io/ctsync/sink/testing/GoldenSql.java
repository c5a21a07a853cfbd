package io.ctsync.sink.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Golden files of generated SQL: {@code src/test/resources/golden/<dialect>/<name>.sql}, reviewed text kept in the
 * repository, so a change in what the sink emits shows as a diff. Each statement is preceded by a comment saying what
 * it is for, and ends with a semicolon (its own, where the dialect emits one, as SQL Server's MERGE). Run the tests with {@code -Dgolden.update=true} to rewrite the files from the code (then review the diff).
 */
public final class GoldenSql {

    public static final String UPDATE = "golden.update";
    public static final List<String> DIALECTS = List.of("postgresql", "mariadb", "sqlite", "sqlserver");
    private static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private GoldenSql() {
    }

    /** Compares the statements, each under its label, with the golden file (or rewrites it under -Dgolden.update). */
    public static void assertMatches(String dialect, String name, Map<String, String> statements) {
        StringBuilder text = new StringBuilder();
        statements.forEach((label, sql) -> text.append(text.length() == 0 ? "" : "\n").append("-- ").append(label)
                .append('\n').append(sql).append(sql.endsWith(";") ? "\n" : ";\n"));
        Path file = ROOT.resolve(dialect).resolve(name + ".sql");
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("golden file %s missing: run the test with -D%s=true and review it", file, UPDATE)
                    .exists();
            assertThat(text.toString()).as("SQL of %s differs from the golden file %s (if the change is intended, "
                    + "rewrite it with -D%s=true and review the diff)", dialect, file, UPDATE)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
