// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.FieldError;

/** Bad input becomes one error per problem, naming the field; nothing throws and nothing is guessed. */
class RequestReaderTest {

    private static ParsedRequest read(String json) {
        return RequestReader.read(json);
    }

    @Test
    void notJsonAndNotAnObjectAreErrorsOnTheWholeRequest() {
        assertThat(read("{oops").errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$");
            assertThat(e.message()).startsWith("not JSON");
        });
        assertThat(read("[1,2]").errors()).extracting(FieldError::field).containsExactly("$");
        assertThat(read("").errors()).extracting(FieldError::field).containsExactly("$");
        assertThat(read("{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"u\":1e99999999999}")
                .errors()).singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("$");
                    assertThat(e.message()).startsWith("a number in the request is out of range");
                });
    }

    @Test
    void missingRequiredFieldsAreEachNamed() {
        assertThat(read("{}").errors()).extracting(FieldError::field).containsExactly("requestId", "member", "drug");
        assertThat(read("{\"requestId\":\"R\",\"member\":{},\"drug\":{}}").errors()).extracting(FieldError::field)
                .containsExactly("member.id", "drug");
    }

    @Test
    void everyMalformedFieldIsReportedInOnePass() {
        ParsedRequest p = read("""
                {"requestId":"R9","serviceDate":"2026-13-40","member":{"id":"M","birthDate":"yesterday"},
                 "drug":{"name":"codeine","rxnorm":"abc"},
                 "genotypes":[{"gene":"CYP2D6","diplotype":"*1/*4"},{"gene":"CYPXYZ","diplotype":"*1/*1"},
                              {"gene":"CYP2C19","diplotype":"*1/*2","phenotype":"Normal Metabolizer"},
                              {"gene":"HLA-B","allele":"*57:01","result":"maybe"}],
                 "biomarkers":[{"name":"PD-L1","value":"high"}],
                 "history":[{"drug":"tramadol","filledOn":"2026-09-01","daysSupply":-5}]}""");
        assertThat(p.requestId()).isEqualTo("R9");
        assertThat(p.request()).isNull();
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("serviceDate", "member.birthDate",
                "drug.rxnorm", "genotypes[1].gene", "genotypes[2]", "genotypes[3].result", "biomarkers[0].value",
                "history[0].daysSupply");
    }

    @Test
    void wrongTypesAreErrorsNotCoercions() {
        ParsedRequest p = read("{\"requestId\":42,\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"genotypes\":{}}");
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("requestId", "genotypes");
    }

    @Test
    void activityScoresMayBeNumbersAndUnknownFieldsAreIgnored() {
        ParsedRequest p = read("{\"requestId\":\"R\",\"member\":{\"id\":\"M\",\"extra\":1},\"drug\":{\"rxnorm\":\"2670\"},"
                + "\"genotypes\":[{\"gene\":\"cyp2d6\",\"activityScore\":1.25}],\"whatever\":[1]}");
        assertThat(p.errors()).isEmpty();
        assertThat(p.request().genotypes().get(0).activityScore()).isEqualTo("1.25");
        assertThat(p.request().drug().rxnorm()).isEqualTo("2670");
    }

    @Test
    void oversizedListsAndImplausibleDatesAreErrorsNamingTheField() {
        String many = String.join(",", java.util.Collections.nCopies(101, "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}"));
        ParsedRequest p = read("{\"requestId\":\"R\",\"member\":{\"id\":\"M\",\"birthDate\":\"1850-01-01\"},"
                + "\"drug\":{\"name\":\"x\"},\"genotypes\":[" + many + "]}");
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("member.birthDate", "genotypes");
        assertThat(p.errors().get(1).message()).contains("101 entries; the limit is 100");
    }
}
