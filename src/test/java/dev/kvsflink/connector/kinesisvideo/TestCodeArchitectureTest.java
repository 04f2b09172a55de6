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

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The tests of the connector and of the emulator (its test jar) use JUnit 5 only. */
@AnalyzeClasses(locations = TestCodeArchitectureTest.TestClasses.class)
class TestCodeArchitectureTest {

    @ArchTest
    static final ArchRule NO_JUNIT_4 =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.junit",
                            "org.junit.runner..",
                            "org.junit.runners..",
                            "org.junit.rules..",
                            "org.junit.experimental..",
                            "junit..");

    /** The connector's test classes and the emulator's test jar. */
    static final class TestClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(
                    codeSourceOf(TestCodeArchitectureTest.class),
                    codeSourceOf(EmulatorExtension.class));
        }

        private static Location codeSourceOf(Class<?> type) {
            return Location.of(type.getProtectionDomain().getCodeSource().getLocation());
        }
    }
}
