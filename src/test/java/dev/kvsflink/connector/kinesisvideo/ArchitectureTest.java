/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.connector.kinesisvideo;

import org.apache.flink.annotation.Experimental;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the connector's package graph and public surface, checked on its main classes (the
 * content of the connector's jar, nothing on its class path).
 */
@AnalyzeClasses(locations = ArchitectureTest.ConnectorClasses.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule PACKAGES_FORM_NO_CYCLES =
            slices().matching("dev.kvsflink.connector.kinesisvideo.(*)..")
                    .should()
                    .beFreeOfCycles();

    @ArchTest
    static final ArchRule NEVER_IMPORTS_THE_EMULATOR =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.kvsflink.connector.kinesisvideo.emulator..");

    @ArchTest
    static final ArchRule PUBLIC_TYPES_STATE_THEIR_STABILITY =
            classes()
                    .that()
                    .arePublic()
                    .and()
                    .areTopLevelClasses()
                    .should()
                    .beAnnotatedWith(PublicEvolving.class)
                    .orShould()
                    .beAnnotatedWith(Experimental.class)
                    .orShould()
                    .beAnnotatedWith(Internal.class);

    /** Where the connector's main classes are: the directory or jar of its source class. */
    static final class ConnectorClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(
                    Location.of(
                            KinesisVideoFragmentSource.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()));
        }
    }
}
