// SPDX-License-Identifier: Apache-2.0
/** The contract's JSON form: one configured mapper, and readers that turn bad input into field errors. */
package org.precisionformulary.model.json;
