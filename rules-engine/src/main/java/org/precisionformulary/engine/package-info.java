// SPDX-License-Identifier: Apache-2.0
/**
 * The public facade: {@link org.precisionformulary.engine.PrecisionFormulary} and
 * {@link org.precisionformulary.engine.RulePack}.
 */
package org.precisionformulary.engine;
