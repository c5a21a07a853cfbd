package io.ctsync.sink.dialect;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** The dialects on the plugin's class path, and the choice among them: {@code dialect.name}, else the JDBC URL. */
public final class Dialects {

    private static final List<DialectProvider> PROVIDERS = load();

    private Dialects() {
    }

    public static List<DialectProvider> providers() {
        return PROVIDERS;
    }

    public static Optional<DialectProvider> byName(String name) {
        return PROVIDERS.stream().filter(p -> p.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    public static Optional<DialectProvider> forUrl(String jdbcUrl) {
        return PROVIDERS.stream().filter(p -> p.supportsUrl(jdbcUrl)).findFirst();
    }

    /** The provider for a configuration: explicit name first, then the URL. */
    public static Optional<DialectProvider> choose(String dialectName, String jdbcUrl) {
        if (dialectName != null && !dialectName.isBlank()) {
            return byName(dialectName);
        }
        return jdbcUrl == null ? Optional.empty() : forUrl(jdbcUrl);
    }

    public static Dialect create(String dialectName, String jdbcUrl, Map<String, String> props) {
        return choose(dialectName, jdbcUrl).orElseThrow(() -> new IllegalArgumentException("No dialect for "
                + (dialectName == null || dialectName.isBlank() ? "the URL " + jdbcUrl : "dialect.name=" + dialectName)
                + "; known dialects: " + names())).create(props);
    }

    public static String names() {
        return PROVIDERS.stream().map(DialectProvider::name).collect(Collectors.joining(", "));
    }

    private static List<DialectProvider> load() {
        ServiceLoader<DialectProvider> loader = ServiceLoader.load(DialectProvider.class, Dialects.class.getClassLoader());
        return StreamSupport.stream(loader.spliterator(), false).toList();
    }
}
