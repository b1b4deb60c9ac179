// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one rule session produced.
 *
 * @param results    the facts rules inserted, in insertion order, each with the rule that inserted it
 * @param firedRules the rules that fired, in firing order
 * @param failure    why the session could not finish (a rule threw, the firing limit was hit), or {@code null}
 */
public record SessionResult(List<Inserted> results, List<String> firedRules, String failure) {

    /**
     * A fact a rule inserted.
     *
     * @param fact the fact
     * @param rule the rule's name
     */
    public record Inserted(Object fact, String rule) {
    }

    /**
     * @param type a fact type
     * @param <T>  the type
     * @return the inserted facts of that type, in insertion order
     */
    public <T> List<Inserted> ofType(Class<T> type) {
        List<Inserted> of = new ArrayList<>();
        for (Inserted i : results) {
            if (type.isInstance(i.fact())) {
                of.add(i);
            }
        }
        return Collections.unmodifiableList(of);
    }
}
