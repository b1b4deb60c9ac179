// SPDX-License-Identifier: Apache-2.0
/** Coverage requests: member, drug, indication, genotypes, biomarkers and fill history. */
package org.precisionformulary.model.request;
