// SPDX-License-Identifier: Apache-2.0
/**
 * The test kit's JUnit 5 side: {@link org.precisionformulary.testkit.junit.ScenarioTests} turns a scenario
 * suite into one dynamic test per file. The only part of the kit that needs JUnit.
 */
package org.precisionformulary.testkit.junit;
