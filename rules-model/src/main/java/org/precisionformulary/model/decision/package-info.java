// SPDX-License-Identifier: Apache-2.0
/** Coverage decisions and their parts: findings, alternatives, exceptions, DUR alerts, errors, audit. */
package org.precisionformulary.model.decision;
