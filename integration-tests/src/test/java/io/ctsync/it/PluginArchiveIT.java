package io.ctsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.sink.JdbcSinkConnector;
import io.ctsync.source.ChangeTrackingSourceConnector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The archives `mvn package` builds: a Confluent Hub component zip and a plain plugin.path directory per
 * connector, with the same content.
 */
class PluginArchiveIT {

    private static final Path ROOT = Path.of(System.getProperty("ctsync.repository.root"));
    private static final String VERSION = System.getProperty("ctsync.expected.version");

    static Stream<Arguments> plugins() {
        return Stream.of(
                Arguments.of("connector-source", "sqlserver-ct-source", "source", ChangeTrackingSourceConnector.class.getName(),
                        new ChangeTrackingSourceConnector().config(), List.of("mssql-jdbc")),
                Arguments.of("connector-sink", "jdbc-sink", "sink", JdbcSinkConnector.class.getName(),
                        new JdbcSinkConnector().config(), List.of("postgresql", "mariadb-java-client", "sqlite-jdbc", "mssql-jdbc")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("plugins")
    void zipHasTheConfluentHubLayout(String module, String component, String type, String connectorClass, ConfigDef def,
                                     List<String> drivers) throws IOException {
        String base = "ctsync-" + component + "-" + VERSION;
        Path zip = ROOT.resolve(module).resolve("target").resolve(base + ".zip");
        assertThat(zip).exists();

        Set<String> entries = zipEntries(zip);
        assertThat(entries).allSatisfy(e -> assertThat(e).startsWith(base + "/"));
        Set<String> files = entries.stream().map(e -> e.substring(base.length() + 1)).filter(e -> !e.isEmpty() && !e.endsWith("/"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(files).contains("manifest.json", "doc/README.md", "doc/LICENSE", "doc/config-options.md",
                "lib/ctsync-connector-" + type + "-" + VERSION + ".jar", "lib/ctsync-contract-" + VERSION + ".jar");
        for (String driver : drivers) {
            assertThat(files).anySatisfy(f -> assertThat(f).startsWith("lib/" + driver + "-"));
        }
        assertThat(files).noneSatisfy(f -> assertThat(f).matches("lib/(kafka|connect-|slf4j).*"));

        try (ZipFile archive = new ZipFile(zip.toFile())) {
            JsonNode manifest = new ObjectMapper().readTree(archive.getInputStream(archive.getEntry(base + "/manifest.json")));
            assertThat(manifest.get("name").asText()).isEqualTo(component);
            assertThat(manifest.get("version").asText()).isEqualTo(VERSION);
            assertThat(manifest.get("component_types").get(0).asText()).isEqualTo(type);
            assertThat(manifest.get("owner").get("username").asText()).isEqualTo("ctsync");

            String docs = new String(archive.getInputStream(archive.getEntry(base + "/doc/config-options.md")).readAllBytes());
            assertThat(def.names()).allSatisfy(option -> assertThat(docs).contains("`" + option + "`"));

            ZipEntry connectorJar = archive.getEntry(base + "/lib/ctsync-connector-" + type + "-" + VERSION + ".jar");
            String serviceFile = "META-INF/services/org.apache.kafka.connect." + type + "." + capitalize(type) + "Connector";
            assertThat(jarEntry(archive.getInputStream(connectorJar), serviceFile)).isEqualTo(connectorClass);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("plugins")
    void pluginDirectoryHoldsTheSameFilesAsTheZip(String module, String component) throws IOException {
        String base = "ctsync-" + component + "-" + VERSION;
        Path target = ROOT.resolve(module).resolve("target");
        Path directory = target.resolve("plugin").resolve("ctsync-" + component);
        assertThat(directory).isDirectory();

        Set<String> zipFiles = zipEntries(target.resolve(base + ".zip")).stream().filter(e -> !e.endsWith("/"))
                .map(e -> e.substring(base.length() + 1)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> dirFiles;
        try (Stream<Path> walk = Files.walk(directory)) {
            dirFiles = walk.filter(Files::isRegularFile).map(p -> directory.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(dirFiles).isEqualTo(zipFiles);
    }

    private static Set<String> zipEntries(Path zip) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            return archive.stream().map(ZipEntry::getName).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String jarEntry(InputStream jar, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(jar)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return new String(in.readAllBytes()).trim();
                }
            }
        }
        return null;
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
