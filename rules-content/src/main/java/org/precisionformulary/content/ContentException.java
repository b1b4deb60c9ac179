// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

/** A data table of the rule pack that is missing or corrupt; raised when the pack is loaded, never later. */
public class ContentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which table, which line, what is wrong */
    public ContentException(String message) {
        super(message);
    }
}
