package io.ctsync.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherOptionsTest {

    @TempDir
    Path directory;

    @Test
    void demoDefaultsToTheUsualPortsAndAWorkDirectoryInTheRepository() {
        LauncherOptions options = LauncherOptions.parse("demo", "--repository", directory.toString());

        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.restPort()).isEqualTo(8083);
        assertThat(options.workDirectory()).isEqualTo(directory.resolve("ctsync-work/demo"));
        assertThat(options.exitWhenDone()).isFalse();
        assertThat(options.reset()).isFalse();
    }

    @Test
    void flagsAndValuesInBothSpellings() {
        LauncherOptions options = LauncherOptions.parse("demo", "--exit", "--reset", "--work-dir=" + directory,
                "--kafka-port", "19092", "--rest-port=18083");

        assertThat(options.exitWhenDone()).isTrue();
        assertThat(options.reset()).isTrue();
        assertThat(options.workDirectory()).isEqualTo(directory);
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.restPort()).isEqualTo(18083);
    }

    @Test
    void unknownCommandsOptionsAndValuesNameWhatToFix() {
        assertThatThrownBy(() -> LauncherOptions.parse()).hasMessageContaining("a command is needed: demo or run");
        assertThatThrownBy(() -> LauncherOptions.parse("start")).hasMessageContaining("unknown command 'start'");
        assertThatThrownBy(() -> LauncherOptions.parse("demo", "--source", "x")).hasMessage("unknown option --source for demo");
        assertThatThrownBy(() -> LauncherOptions.parse("demo", "--rest-port")).hasMessage("--rest-port needs a value");
        assertThatThrownBy(() -> LauncherOptions.parse("demo", "--rest-port", "70000"))
                .hasMessage("--rest-port must be a port number (1-65534), not '70000'");
        assertThatThrownBy(() -> LauncherOptions.parse("demo", "exit")).hasMessageContaining("unexpected argument 'exit'");
    }

    @Test
    void runNeedsASqlServerUrlNamingTheDatabase() {
        assertThatThrownBy(() -> LauncherOptions.parse("run")).isInstanceOf(UsageException.class)
                .hasMessageContaining("run needs --source jdbc:sqlserver://");
        assertThatThrownBy(() -> LauncherOptions.parse("run", "--source", "jdbc:postgresql://h/db"))
                .hasMessageContaining("--source must be a SQL Server JDBC URL");
        assertThatThrownBy(() -> LauncherOptions.parse("run", "--source", "jdbc:sqlserver://h:1433"))
                .hasMessageContaining("add ;databaseName=DB");
        assertThatThrownBy(() -> LauncherOptions.parse("run", "--source", "jdbc:sqlserver://h:1433;databaseName=s",
                "--target", "postgres://h/db")).hasMessageContaining("--target must be a JDBC URL of PostgreSQL");
    }

    @Test
    void runTargetsASqliteFileInTheWorkDirectoryByDefault() {
        LauncherOptions options = LauncherOptions.parse("run", "--source", "jdbc:sqlserver://h:1433;databaseName=sales",
                "--work-dir", directory.toString());

        assertThat(options.targetOrDefault()).isEqualTo("jdbc:sqlite:" + directory.resolve("target.db"));
        assertThat(options.toString()).doesNotContain("password");
    }

    @Test
    void aPropertiesFileGivesTheSameKeysAndTheCommandLineWins() throws Exception {
        Path file = directory.resolve("run.properties");
        Files.writeString(file, "source=jdbc:sqlserver://db:1433;databaseName=sales\nuser=ctsync\npassword=secret\n"
                + "target=jdbc:postgresql://localhost/replica\ntables=dbo\\\\.orders\n");

        LauncherOptions options = LauncherOptions.parse("run", "--config", file.toString(), "--user", "other");

        assertThat(options.source()).isEqualTo("jdbc:sqlserver://db:1433;databaseName=sales");
        assertThat(options.user()).isEqualTo("other");
        assertThat(options.password()).isEqualTo("secret");
        assertThat(options.target()).isEqualTo("jdbc:postgresql://localhost/replica");
        assertThat(options.tables()).isEqualTo("dbo\\.orders");
    }

    @Test
    void aPropertiesFileWithAnUnknownKeyIsRefused() throws Exception {
        Path file = directory.resolve("run.properties");
        Files.writeString(file, "source=jdbc:sqlserver://db:1433;databaseName=sales\nsorce=typo\n");

        assertThatThrownBy(() -> LauncherOptions.parse("run", "--config", file.toString()))
                .hasMessageContaining("unknown key 'sorce'");
    }

    @Test
    void passwordsInUrlsAreMaskedInMessages() {
        assertThat(RunCommand.withoutSecrets("jdbc:sqlserver://h;databaseName=s;password=p4ss;user=u"))
                .isEqualTo("jdbc:sqlserver://h;databaseName=s;password=***;user=u");
    }
}
