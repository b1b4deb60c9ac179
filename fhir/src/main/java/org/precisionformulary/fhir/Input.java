// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import org.hl7.fhir.r4.model.Resource;

/**
 * One resource of the input, with what names it in errors and messages: {@code Observation/obs-3} when it
 * has an id, else its place ({@code Bundle.entry[2].resource}, {@code resources[0]}).
 *
 * @param label    the name used in errors and messages
 * @param fullUrl  the bundle entry's fullUrl, or {@code null}
 * @param resource the resource
 */
record Input(String label, String fullUrl, Resource resource) {

    static Input of(Resource resource, String place, String fullUrl) {
        String id = resource.getIdElement().getIdPart();
        String label = id == null || id.isBlank() ? place : resource.fhirType() + "/" + id;
        return new Input(label, fullUrl, resource);
    }

    /** @return the label followed by an element path, e.g. {@code Observation/obs-3.component[0]} */
    String at(String element) {
        return label + "." + element;
    }

    /** @return the reference by which other resources point to this one, e.g. {@code Observation/obs-3}, or null */
    String typeAndId() {
        String id = resource.getIdElement().getIdPart();
        return id == null || id.isBlank() ? null : resource.fhirType() + "/" + id;
    }
}
