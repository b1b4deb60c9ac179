// SPDX-License-Identifier: Apache-2.0
/**
 * NCPDP Telecommunication D.0: the claim response fields a decision maps to ({@code docs/ncpdp.md}).
 */
package org.precisionformulary.engine.ncpdp;
