// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

/** DUR clinical significance, as NCPDP field 528-FS grades it (1 major, 2 moderate, 3 minor). */
public enum Severity {
    MAJOR, MODERATE, MINOR
}
