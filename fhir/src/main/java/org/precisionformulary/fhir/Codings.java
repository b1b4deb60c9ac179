// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Small readings of CodeableConcepts shared by the resource readers. */
final class Codings {

    private Codings() {
    }

    /** The codings of a concept that the code map has a row of this kind for, in order. */
    static List<Coding> known(FhirCodeMap map, FhirCodeMap.Kind kind, CodeableConcept concept) {
        List<Coding> out = new ArrayList<>();
        if (concept != null) {
            for (Coding c : concept.getCoding()) {
                if (map.is(kind, c.getSystem(), c.getCode())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The distinct values the code map gives this concept's codings for one kind. */
    static Set<String> values(FhirCodeMap map, FhirCodeMap.Kind kind, CodeableConcept concept) {
        Set<String> out = new LinkedHashSet<>();
        for (Coding c : known(map, kind, concept)) {
            out.add(map.value(kind, c.getSystem(), c.getCode()));
        }
        return out;
    }

    /** The codes of a concept's codings in a system, distinct, in order. */
    static Set<String> codesIn(CodeableConcept concept, Set<String> systems) {
        Set<String> out = new LinkedHashSet<>();
        if (concept != null) {
            for (Coding c : concept.getCoding()) {
                if (c.getSystem() != null && systems.contains(c.getSystem()) && c.getCode() != null && !c.getCode().isBlank()) {
                    out.add(c.getCode().trim());
                }
            }
        }
        return out;
    }

    /** Whether a concept has a coding with this system and one of these codes. */
    static boolean has(CodeableConcept concept, String system, Set<String> codes) {
        if (concept != null) {
            for (Coding c : concept.getCoding()) {
                if (system.equals(c.getSystem()) && codes.contains(c.getCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The concept's text if it has one, else its codings' displays; blanks left out. */
    static List<String> words(CodeableConcept concept) {
        List<String> out = new ArrayList<>();
        if (concept == null) {
            return out;
        }
        if (concept.hasText() && !concept.getText().isBlank()) {
            out.add(concept.getText().trim());
            return out;
        }
        for (Coding c : concept.getCoding()) {
            if (c.hasDisplay() && !c.getDisplay().isBlank()) {
                out.add(c.getDisplay().trim());
            }
        }
        return out;
    }

    /** A concept's codings for a message, e.g. {@code LOINC 84414-2, http://snomed.info/sct|123}. */
    static String describe(CodeableConcept concept) {
        if (concept == null || concept.getCoding().isEmpty()) {
            return concept != null && concept.hasText() ? "'" + concept.getText() + "'" : "(no code)";
        }
        return concept.getCoding().stream().map(c -> FhirCodeMap.describe(c.getSystem(), c.getCode()))
                .collect(Collectors.joining(", "));
    }
}
