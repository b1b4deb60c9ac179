// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.List;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.model.decision.Audit;

/**
 * The audit stage: what every decision names so it can be reproduced and matched to its input without
 * storing it (contract §2).
 */
final class AuditStamp {

    private final String engineVersion;
    private final CompiledPack pack;
    private final CpicData cpic;
    private final String formularyId;
    private final MemberIdHasher memberIdHasher;

    AuditStamp(String engineVersion, CompiledPack pack, CpicData cpic, String formularyId, MemberIdHasher hasher) {
        this.engineVersion = engineVersion;
        this.pack = pack;
        this.cpic = cpic;
        this.formularyId = formularyId;
        this.memberIdHasher = hasher;
    }

    /**
     * @param inputSha    SHA-256 of the request as received
     * @param fired       the rules that fired
     * @param memberId    the member id, hashed when the engine holds a key; {@code null} when unknown
     * @param ptDecisions the plan's P&amp;T decisions that changed a finding
     * @return the audit
     */
    Audit of(String inputSha, List<String> fired, String memberId, List<String> ptDecisions) {
        // The CPIC tables that decided, whatever the pack's manifest says (RulePack refuses one naming others).
        return new Audit(engineVersion, pack.version(), pack.sha256(), cpic.version(), formularyId, inputSha, fired,
                pack.overriddenRules(), memberIdHasher == null || memberId == null ? null : memberIdHasher.hash(memberId),
                pack.allowedInRules(), ptDecisions);
    }
}
