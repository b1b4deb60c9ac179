// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.drug;

/**
 * National Drug Codes. A package NDC has 10 digits in one of three hyphenated layouts (labeler-product-package:
 * 4-4-2, 5-3-2 or 5-4-1), which claims carry as 11 digits (5-4-2) by padding the short segment with a leading
 * zero. Unhyphenated, a 10-digit NDC cannot be padded without knowing its layout, so it is refused.
 */
public final class Ndc {

    private Ndc() {
    }

    /**
     * @param ndc an NDC: 11 digits with or without hyphens (5-4-2), or 10 digits in a hyphenated layout
     * @return the 11-digit form, digits only
     * @throws IllegalArgumentException saying what is wrong: not digits and hyphens, a layout that is not
     *                                  4-4-2, 5-3-2, 5-4-1 or 5-4-2, or 10 digits without hyphens
     */
    public static String normalise(String ndc) {
        if (ndc == null || ndc.isBlank()) {
            throw new IllegalArgumentException("an NDC is required");
        }
        String s = ndc.trim();
        if (!s.matches("[0-9-]+")) {
            throw new IllegalArgumentException("an NDC is digits and hyphens, not '" + ndc + "'");
        }
        if (s.matches("\\d{11}")) {
            return s;
        }
        if (s.matches("\\d{10}")) {
            throw new IllegalArgumentException("the 10-digit NDC '" + ndc + "' has no hyphens, so its layout (4-4-2,"
                    + " 5-3-2 or 5-4-1) is unknown; send it hyphenated or as 11 digits");
        }
        String[] parts = s.split("-", -1);
        if (parts.length == 3) {
            String layout = parts[0].length() + "-" + parts[1].length() + "-" + parts[2].length();
            switch (layout) {
                case "5-4-2":
                    return parts[0] + parts[1] + parts[2];
                case "4-4-2":
                    return "0" + parts[0] + parts[1] + parts[2];
                case "5-3-2":
                    return parts[0] + "0" + parts[1] + parts[2];
                case "5-4-1":
                    return parts[0] + parts[1] + "0" + parts[2];
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("the NDC '" + ndc + "' is not in a layout of 4-4-2, 5-3-2, 5-4-1 or"
                + " 5-4-2 digits, or 11 digits");
    }
}
