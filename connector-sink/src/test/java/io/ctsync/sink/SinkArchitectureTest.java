package io.ctsync.sink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import io.ctsync.sink.config.VersionMode;
import io.ctsync.sink.gate.GatePolicy;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The sink's package structure, checked on its compiled classes: no package cycles, and each layer only uses the
 * layers below it (model, then input and SQL, then the batch primitives, the policies, the pipeline, the task).
 */
@AnalyzeClasses(locations = SinkArchitectureTest.SinkClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class SinkArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("io.ctsync.sink.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersOnlyUseLayersBelow = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Task").definedBy("io.ctsync.sink")
            .layer("Pipeline").definedBy("io.ctsync.sink.write..")
            .layer("Policies").definedBy("io.ctsync.sink.gate..", "io.ctsync.sink.state..", "io.ctsync.sink.conflict..",
                    "io.ctsync.sink.park..", "io.ctsync.sink.offset..", "io.ctsync.sink.error..", "io.ctsync.sink.buffer..",
                    "io.ctsync.sink.metrics..", "io.ctsync.sink.reconcile..")
            .layer("Primitives").definedBy("io.ctsync.sink.row..", "io.ctsync.sink.jdbc..")
            .layer("Input and SQL").definedBy("io.ctsync.sink.config..", "io.ctsync.sink.record..", "io.ctsync.sink.dialect..")
            .layer("Model").definedBy("io.ctsync.sink.schema..", "io.ctsync.sink.failure..")
            .whereLayer("Task").mayNotBeAccessedByAnyLayer()
            .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("Task")
            .whereLayer("Policies").mayOnlyBeAccessedByLayers("Pipeline", "Task")
            .whereLayer("Primitives").mayOnlyBeAccessedByLayers("Policies", "Pipeline", "Task")
            .whereLayer("Input and SQL").mayOnlyBeAccessedByLayers("Primitives", "Policies", "Pipeline", "Task")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Input and SQL", "Primitives", "Policies", "Pipeline", "Task");

    @ArchTest
    static final ArchRule onlyTheGatePolicyReadsTheVersionMode = noClasses()
            .that().resideOutsideOfPackage("io.ctsync.sink.config..").and().doNotBelongToAnyOf(GatePolicy.class)
            .should().dependOnClassesThat().areAssignableTo(VersionMode.class)
            .because("sync.version.mode is interpreted in one place, GatePolicy");

    /** The sink's compiled classes only (not every jar on the class path that might hold the package). */
    static final class SinkClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            try {
                return Set.of(Location.of(JdbcSinkConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
