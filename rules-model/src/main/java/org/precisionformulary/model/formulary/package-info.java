// SPDX-License-Identifier: Apache-2.0
/** Formulary documents: covered drugs, tiers, classes, step-therapy and prior-authorization protocols, plan policy. */
package org.precisionformulary.model.formulary;
