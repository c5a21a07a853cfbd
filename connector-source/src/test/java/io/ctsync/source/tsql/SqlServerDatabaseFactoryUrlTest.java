package io.ctsync.source.tsql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-database URL: one connection per captured database, never a USE on a shared one. */
class SqlServerDatabaseFactoryUrlTest {

    @Test
    void theDatabaseOfTheUrlIsReplacedWhateverTheSpellingOfTheProperty() {
        assertThat(SqlServerDatabaseFactory.withDatabase("jdbc:sqlserver://db:1433;databaseName=master;encrypt=true", "sales"))
                .isEqualTo("jdbc:sqlserver://db:1433;encrypt=true;databaseName={sales}");
        assertThat(SqlServerDatabaseFactory.withDatabase("jdbc:sqlserver://db:1433;DATABASE = {old;one};encrypt=true", "hr"))
                .isEqualTo("jdbc:sqlserver://db:1433;encrypt=true;databaseName={hr}");
        assertThat(SqlServerDatabaseFactory.withDatabase("jdbc:sqlserver://db:1433", "hr"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName={hr}");
        assertThat(SqlServerDatabaseFactory.withDatabase("jdbc:sqlserver://db:1433;", "hr"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName={hr}");
    }

    @Test
    void aNameWithSeparatorsOrBracesStaysOneBracedValue() {
        assertThat(SqlServerDatabaseFactory.withDatabase("jdbc:sqlserver://db", "a;b=c}d"))
                .isEqualTo("jdbc:sqlserver://db;databaseName={a;b=c}}d}");
    }

    @Test
    void otherPropertiesThatMerelyContainTheWordStay() {
        assertThat(SqlServerDatabaseFactory.withDatabase("jdbc:sqlserver://db;failoverPartnerDatabase=x;databaseName=a", "b"))
                .isEqualTo("jdbc:sqlserver://db;failoverPartnerDatabase=x;databaseName={b}");
    }
}
