// SPDX-License-Identifier: Apache-2.0
/** Drugs as requests and formularies name them. */
package org.precisionformulary.model.drug;
