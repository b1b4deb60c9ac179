// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.precisionformulary.engine.PackReload;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;

/** The serving pack and the last reload as the health indicator and the rule pack endpoint show them. */
final class PackDetails {

    private PackDetails() {
    }

    /** @return name, version, SHA-256 and CPIC data version of the pack, and the engine's version */
    static Map<String, Object> of(RulePack pack) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("packName", pack.name());
        details.put("packVersion", pack.version());
        details.put("packSha256", pack.sha256());
        details.put("cpicDataVersion", pack.cpicDataVersion());
        details.put("engineVersion", PrecisionFormulary.VERSION);
        return details;
    }

    /** @return when the reload ended, {@code accepted} or {@code refused}, where the pack came from, and why */
    static Map<String, Object> of(PackReload reload) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("at", reload.at().toString());
        details.put("result", result(reload));
        details.put("source", reload.source());
        details.put("message", reload.message());
        return details;
    }

    static String result(PackReload reload) {
        return reload.accepted() ? "accepted" : "refused";
    }
}
