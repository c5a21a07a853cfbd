package io.ctsync.source;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The source's package structure, checked at build time: every package is a slice of its own (the root package
 * included), and no two of them depend on each other; only the T-SQL adapter and the database-factory wiring
 * reach into {@code tsql}, so everything else stays testable on the in-memory Change Tracking model.
 */
@AnalyzeClasses(locations = ArchitectureTest.ConnectorClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.ctsync.(**)").namingSlices("$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule tsqlOnlyBehindItsFactory = noClasses()
            .that().resideOutsideOfPackage("io.ctsync.source.tsql..")
            .and().doNotHaveFullyQualifiedName("io.ctsync.source.DatabaseFactories")
            .should().dependOnClassesThat().resideInAPackage("io.ctsync.source.tsql..")
            .because("T-SQL lives in one layer, reached only through the database factory named by "
                    + "ctsync.database.factory");

    /** The connector's own class directory: scanning every jar on the test class path for the package takes seconds. */
    static final class ConnectorClasses implements LocationProvider {

        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(ChangeTrackingSourceConnector.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }
}
