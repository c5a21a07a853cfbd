package io.ctsync.testkit.db;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Turns the quiet skip of a real-SQL-Server test class into a failure when SQL Server tests were asked for
 * ({@code -Dctsync.sqlserver.required=true}, set by the {@code sqlserver} Maven profile): a run meant to prove
 * behaviour against SQL Server must not pass by skipping everything. Registered through JUnit's extension
 * auto-detection, which only that profile turns on; evaluated before {@code @Testcontainers}' own condition.
 */
public final class SqlServerRequired implements ExecutionCondition {

    public static final String PROPERTY = "ctsync.sqlserver.required";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean containerTest = context.getTestClass().map(c -> c.isAnnotationPresent(Testcontainers.class)).orElse(false);
        if (!containerTest || !Boolean.getBoolean(PROPERTY)) {
            return ConditionEvaluationResult.enabled("SQL Server not required here");
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(context.getRequiredTestClass().getSimpleName() + " needs a Docker engine to run "
                    + "SQL Server (" + SqlServerContainers.IMAGE + "): -Psqlserver (" + PROPERTY + "=true) fails rather than "
                    + "skip. Start Docker (`docker info` must work) or run without the profile.");
        }
        return ConditionEvaluationResult.enabled("Docker is available");
    }
}
