// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import java.io.InputStream;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.json.FormularyException;
import org.precisionformulary.model.json.FormularyReader;

/** The embedded demo formulary ({@code DEMO-2026}): a small plan that shows every outcome the pack supports. */
public final class DemoFormulary {

    private static final String RESOURCE = "/org/precisionformulary/content/demo-formulary.json";

    private DemoFormulary() {
    }

    /**
     * @return the demo formulary
     * @throws FormularyException when the embedded document is missing or invalid
     */
    public static Formulary load() {
        InputStream in = DemoFormulary.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new FormularyException("the demo formulary " + RESOURCE + " is missing", null);
        }
        return FormularyReader.read(in, RESOURCE);
    }
}
