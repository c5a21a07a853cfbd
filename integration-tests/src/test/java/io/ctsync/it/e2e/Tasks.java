package io.ctsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.testkit.connect.ConnectClusterExtension;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.awaitility.Awaitility;

/** Where a connector's tasks run, for killing the right worker and seeing the tasks move. */
final class Tasks {

    private Tasks() {
    }

    static WorkerHandle awaitWorkerOfTask(ConnectClusterExtension connect, String connector, int task) {
        return Awaitility.await("a worker running task " + task + " of " + connector).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> connect.workerRunning(connector, task), w -> w != null);
    }

    /** Waits until every task of the connector runs, on the workers left. */
    static void awaitTasksOn(ConnectClusterExtension connect, String connector, List<Integer> workerPorts) {
        Awaitility.await("tasks of " + connector + " running on the workers left " + workerPorts)
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> {
                    var status = connect.cluster().connectorStatus(connector);
                    assertThat(status.tasks()).hasSize(Pipeline.TASKS).allSatisfy(t -> {
                        assertThat(t.state()).isEqualTo("RUNNING");
                        assertThat(workerPorts).contains(Integer.parseInt(t.workerId().replaceAll(".*:", "")));
                    });
                });
    }

}
