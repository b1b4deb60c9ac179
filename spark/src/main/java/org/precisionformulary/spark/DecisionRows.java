// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.json.ContractJson;

/**
 * One output row per input line: the flat columns a data team queries, then the decision JSON exactly as
 * {@code batch} writes it (contract §2).
 */
final class DecisionRows {

    /** The output's columns, in order. */
    static final StructType SCHEMA = new StructType()
            .add("line", DataTypes.LongType, false)
            .add("requestId", DataTypes.StringType, true)
            .add("outcome", DataTypes.StringType, false)
            .add("rejectCodes", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("tier", DataTypes.IntegerType, true)
            .add("exceptionTypes", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("cpicGuidelineIds", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("packVersion", DataTypes.StringType, true)
            .add("packSha256", DataTypes.StringType, true)
            .add("decision", DataTypes.StringType, false);

    /** Columns the output may be partitioned by: few distinct values each. */
    static final List<String> PARTITION_COLUMNS = List.of("outcome", "tier", "packVersion", "packSha256");

    private DecisionRows() {
    }

    /**
     * @param line     the 1-based input line
     * @param decision its decision
     * @return the output row
     */
    static Row of(long line, CoverageDecision decision) {
        List<String> exceptionTypes = new ArrayList<>();
        for (CoverageException exception : decision.exceptions()) {
            exceptionTypes.add(exception.type().name());
        }
        Set<String> guidelines = new LinkedHashSet<>();
        for (Finding finding : decision.findings()) {
            if (finding.guidelineId() != null) {
                guidelines.add(finding.guidelineId());
            }
        }
        Audit audit = decision.audit();
        return RowFactory.create(line, decision.requestId(), decision.outcome().name(),
                decision.rejectCodes().toArray(String[]::new), decision.tier(), exceptionTypes.toArray(String[]::new),
                guidelines.toArray(String[]::new), audit == null ? null : audit.rulePackVersion(),
                audit == null ? null : audit.rulePackSha256(), ContractJson.toJson(decision));
    }

    /** @return the row with an empty {@code report} column after its columns: a decision, not a report */
    static Row withReport(Row row) {
        Object[] values = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        return RowFactory.create(values);
    }
}
