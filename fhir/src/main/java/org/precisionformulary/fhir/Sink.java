// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

/** Where the readers put what they could not read (errors) and what they left out (messages). */
interface Sink {
    /**
     * @param field   the element, e.g. {@code Observation/obs-3.component[0]}
     * @param message what is wrong with it
     */
    void error(String field, String message);

    /** @param text a sentence saying what was left out and why */
    void message(String text);
}
