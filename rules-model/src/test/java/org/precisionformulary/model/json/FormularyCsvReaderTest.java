// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.precisionformulary.model.formulary.BiomarkerCriterion;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.formulary.PgxStrongAvoid;
import org.precisionformulary.model.formulary.QuantityLimit;

/** A CMS-style flat file plus its criteria document reads into the same formulary a JSON document would give. */
class FormularyCsvReaderTest {

    static final String CSV = """
            FORMULARY_ID,RXCUI,NDC,TIER_LEVEL_VALUE,QUANTITY_LIMIT_YN,QUANTITY_LIMIT_AMOUNT,QUANTITY_LIMIT_DAYS,PRIOR_AUTHORIZATION_YN,STEP_THERAPY_YN
            00021413,2670,99999000101,1,N,0,0,N,N
            00021413,10689,99999000201,1,Y,240,30,0,0
            00021413,3423,99999000301,2,Y,180.5,30,false,true
            00021413,1721560,99999000401,5,N,,,1,N
            """;

    static final String CRITERIA = """
            { "formularyId": "DEMO-2026",
              "policy": { "pgxStrongAvoid": "ALERT", "stepTherapyRejectCode": "75" },
              "drugs": {
                "2670":    { "drug": "codeine", "class": "opioid-analgesic" },
                "10689":   { "drug": "Tramadol", "class": "opioid-analgesic" },
                "3423":    { "drug": "hydromorphone", "class": "opioid-analgesic",
                             "stepTherapy": { "anyOf": ["codeine", "tramadol"], "lookbackDays": 120 } },
                "1721560": { "drug": "osimertinib", "class": "egfr-tki",
                             "priorAuth": { "anyOf": [ { "biomarker": "EGFR", "result": "positive" } ] } } } }
            """;

    @TempDir
    Path dir;

    @Test
    void cmsRowsWithOnlyRxcuisTakeNamesClassesAndProtocolsFromTheCriteria() throws IOException {
        var result = read("plan.csv", CSV, CRITERIA);
        var f = result.formulary();

        assertThat(f.formularyId()).isEqualTo("DEMO-2026");
        assertThat(f.policy().pgxStrongAvoid()).isEqualTo(PgxStrongAvoid.ALERT);
        assertThat(f.policy().stepTherapyRejectCode()).isEqualTo("75");
        assertThat(f.policy().defaultLookbackDays()).isEqualTo(180);
        assertThat(f.drugs()).extracting(FormularyDrug::drug)
                .containsExactly("codeine", "tramadol", "hydromorphone", "osimertinib");
        assertThat(f.drugs()).extracting(FormularyDrug::rxnorm).containsExactly("2670", "10689", "3423", "1721560");
        assertThat(f.drugs()).extracting(FormularyDrug::tier).containsExactly(1, 1, 2, 5);
        assertThat(f.drugs()).extracting(FormularyDrug::drugClass)
                .containsExactly("opioid-analgesic", "opioid-analgesic", "opioid-analgesic", "egfr-tki");
        var hydromorphone = f.findByRxnorm("3423").orElseThrow();
        assertThat(hydromorphone.stepTherapy().anyOf()).containsExactly("codeine", "tramadol");
        assertThat(hydromorphone.stepTherapy().lookbackDays()).isEqualTo(120);
        assertThat(hydromorphone.priorAuth()).isNull();
        assertThat(f.find("osimertinib").orElseThrow().priorAuth().anyOf())
                .containsExactly(new BiomarkerCriterion("EGFR", "positive", null, null));
        assertThat(f.find("codeine").orElseThrow().stepTherapy()).isNull();
        assertThat(result.quantityLimits()).containsExactly(
                org.assertj.core.api.Assertions.entry("tramadol", new QuantityLimit(240, 30)),
                org.assertj.core.api.Assertions.entry("hydromorphone", new QuantityLimit(180.5, 30)));
    }

    @Test
    void theDemoPairLoads() throws URISyntaxException {
        Path csv = Path.of(getClass().getResource("/formulary-csv/demo-part-d.csv").toURI());
        var result = FormularyCsvReader.read(csv, csv.resolveSibling("demo-part-d-criteria.json"));
        var f = result.formulary();

        assertThat(f.formularyId()).as("no formularyId in the criteria: the column's").isEqualTo("00026123");
        assertThat(f.drugs()).hasSize(12);
        assertThat(f.find("hydromorphone").orElseThrow().stepTherapy().anyOf()).containsExactly("codeine", "tramadol");
        assertThat(f.find("osimertinib").orElseThrow().priorAuth().anyOf()).extracting(BiomarkerCriterion::biomarker)
                .containsExactly("EGFR");
        assertThat(f.find("pembrolizumab").orElseThrow().priorAuth().anyOf()).hasSize(2);
        assertThat(f.findByRxnorm("36567").orElseThrow().drug()).isEqualTo("simvastatin");
        assertThat(result.quantityLimits()).containsEntry("osimertinib", new QuantityLimit(30, 30)).hasSize(6);
    }

    @Test
    void quotedFieldsMayHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
        var csv = "FORMULARY_ID,Drug_Name,Class,Tier,Prior_Authorization_YN,Step_Therapy_YN,Note\r\n"
                + "F1,\"Codeine\",\"analgesic, opioid\",1,N,N,\"says \"\"weak\"\", and\r\nspans two lines\"\r\n"
                + "F1,tramadol,\"analgesic, opioid\",1,N,N,\"\"\r\n";
        var f = read("plan.csv", csv, null).formulary();
        assertThat(f.formularyId()).isEqualTo("F1");
        assertThat(f.drugs()).extracting(FormularyDrug::drug).containsExactly("codeine", "tramadol");
        assertThat(f.drugs()).extracting(FormularyDrug::drugClass).containsOnly("analgesic, opioid");
        assertThat(f.drugs()).extracting(FormularyDrug::rxnorm).containsOnlyNulls();

        // The quoted line break makes the next record start two lines on.
        assertThatThrownBy(() -> read("plan.csv", csv + "F1,zzz,x,99,N,N,\n", null)).isInstanceOf(FormularyException.class)
                .hasMessageContaining("plan.csv line 5, column Tier: tier must be a whole number from 1 to 10, not '99'");
    }

    @Test
    void rowsForSeveralNdcsOfOneRxcuiBecomeOneDrug() throws IOException {
        var csv = CSV + "00021413,3423,99999000302,2,Y,180.50,30,N,Y\n00021413,2670,99999000102,1,N,0,0,N,N\n";
        var f = read("plan.csv", csv, CRITERIA).formulary();
        assertThat(f.drugs()).hasSize(4);
        assertThat(f.find("hydromorphone").orElseThrow().tier()).isEqualTo(2);
        // Every row's NDC names its drug, so a claim may come by NDC.
        assertThat(f.find("hydromorphone").orElseThrow().ndcs()).containsExactly("99999000301", "99999000302");
        assertThat(f.find("codeine").orElseThrow().ndcs()).containsExactly("99999000101", "99999000102");
    }

    @Test
    void aMalformedNdcNamesItsLineAndColumn() {
        assertThatThrownBy(() -> read("plan.csv", CSV.replace("99999000201", "9999900020"), CRITERIA))
                .hasMessageContaining("plan.csv line 3, column NDC").hasMessageContaining("no hyphens");
    }

    @Test
    void rowsOfOneRxcuiThatDisagreeNameBothLines() {
        assertThatThrownBy(() -> read("plan.csv", CSV + "00021413,3423,99999000302,3,Y,180.5,30,N,Y\n", CRITERIA))
                .hasMessage(dir.resolve("plan.csv") + " line 6: RxCUI 3423 has TIER_LEVEL_VALUE '3' but line 4 has '2'; "
                        + "rows of one drug must agree");
        assertThatThrownBy(() -> read("plan.csv", CSV + "00021413,3423,99999000302,2,Y,180.5,30,Y,Y\n", CRITERIA))
                .hasMessageContaining("line 6: RxCUI 3423 has PRIOR_AUTHORIZATION_YN Y but line 4 has N");
    }

    @Test
    void tabSeparatedFilesAreReadByTheirName() throws IOException {
        var tsv = CSV.replace(',', '\t');
        assertThat(read("plan.tsv", tsv, CRITERIA).formulary().drugs()).hasSize(4);
        assertThat(read("plan.TXT", tsv, CRITERIA).formulary().drugs()).hasSize(4);
        assertThatThrownBy(() -> read("plan.csv", tsv, CRITERIA)).hasMessageContaining("no RXCUI or DRUG column");
    }

    @Test
    void aFileThatNamesEveryDrugAndClassNeedsNoCriteria() throws IOException {
        var f = read("plan.csv", "FORMULARY_ID,DRUG,CLASS,TIER,PRIOR_AUTHORIZATION_YN,STEP_THERAPY_YN\nF1,Codeine,opioid,1,N,N\n",
                null).formulary();
        assertThat(f.find("codeine")).isPresent();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                err("a step-therapy flag without criteria", CSV, CRITERIA.replaceAll("(?s),\\s*\"stepTherapy\": \\{[^}]*}", ""),
                        "plan.csv line 4: STEP_THERAPY_YN is Y but the criteria file ", "plan-criteria.json gives no "
                                + "stepTherapy for RxCUI 3423"),
                err("a prior-auth flag without criteria", CSV, CRITERIA.replaceAll("(?s),\\s*\"priorAuth\".*] }", ""),
                        "plan.csv line 5: PRIOR_AUTHORIZATION_YN is Y but the criteria file",
                        "gives no priorAuth for RxCUI 1721560"),
                err("criteria for a drug whose flag is N", CSV.replace("5,N,,,1,N", "5,N,,,N,N"),
                        CRITERIA, "plan-criteria.json: drugs.1721560.priorAuth is given but ",
                        "plan.csv line 5 has PRIOR_AUTHORIZATION_YN N for RxCUI 1721560; the two files disagree"),
                err("a drug without a name", CSV, CRITERIA.replace("\"drug\": \"codeine\", ", ""),
                        "plan.csv line 2: RxCUI 2670 has no drug: give a DRUG column or \"drug\" for it in the criteria file"),
                err("a drug without a class", CSV, CRITERIA.replace("\"drug\": \"codeine\", \"class\": \"opioid-analgesic\"",
                        "\"drug\": \"codeine\""), "plan.csv line 2: RxCUI 2670 has no class"),
                err("a tier that is not a number", CSV.replace(",2,Y,180.5", ",two,Y,180.5"), CRITERIA,
                        "plan.csv line 4, column TIER_LEVEL_VALUE: tier must be a whole number from 1 to 10, not 'two'"),
                err("a tier of 0", CSV.replace(",2,Y,180.5", ",0,Y,180.5"), CRITERIA, "line 4, column TIER_LEVEL_VALUE"),
                err("an RxCUI that is not digits", CSV.replace(",3423,", ",RX3423,"), CRITERIA,
                        "plan.csv line 4, column RXCUI: RxCUI must be digits, not 'RX3423'"),
                err("a step drug not on the formulary", CSV, CRITERIA.replace("[\"codeine\", \"tramadol\"]", "[\"codeine\", \"morphine\"]"),
                        "plan-criteria.json: drugs.3423.stepTherapy.anyOf: step drug 'morphine' is not on the formulary",
                        "(formulary read from "),
                err("no formulary id anywhere", CSV.replace("00021413", ""), CRITERIA.replace("\"formularyId\": \"DEMO-2026\",", ""),
                        "plan.csv: no formulary id: give \"formularyId\" in the criteria file"),
                err("two formulary ids in one file", CSV.replace("00021413,3423", "00099999,3423"), CRITERIA,
                        "plan.csv line 4, column FORMULARY_ID: '00099999' but line 2 has '00021413'; the file must hold one formulary"),
                err("criteria for an RxCUI the file lacks", CSV, CRITERIA.replace("\"2670\"", "\"2671\""),
                        "plan-criteria.json: drugs.2671: no row of ", "plan.csv has RxCUI 2671"),
                err("names the two files disagree on", CSV.replace("NDC,", "DRUG,").replace(",2670,99999000101,", ",2670,morphine,"),
                        CRITERIA, "plan-criteria.json: drugs.2670.drug is 'codeine' but ",
                        "plan.csv line 2 has DRUG 'morphine'; the two files disagree"),
                err("two criteria entries for one drug", CSV.replace("NDC,", "DRUG,").replace(",2670,99999000101,", ",2670,codeine,"),
                        CRITERIA.replace("\"drugs\": {", "\"drugs\": { \"Codeine\": { \"class\": \"opioid-analgesic\" },"),
                        "plan-criteria.json: drugs.Codeine and drugs.2670 both describe line 2 of "),
                err("two RxCUIs with one name", CSV, CRITERIA.replace("\"drug\": \"Tramadol\"", "\"drug\": \"codeine\""),
                        "plan.csv line 3: RxCUI 10689 is named codeine, as is RxCUI 2670 on line 2"),
                err("no header", CSV.substring(CSV.indexOf('\n') + 1), CRITERIA,
                        "plan.csv line 1: no RXCUI or DRUG column; the first line must be a header naming the columns"),
                err("a quoted field never closed", CSV + "00021413,\"3423,x\n", CRITERIA,
                        "plan.csv line 6: a quoted field is never closed"),
                err("text after a closing quote", CSV.replace(",3423,", ",\"3423\"x,"), CRITERIA,
                        "plan.csv line 4: text after a closing quote"),
                err("too few fields", CSV + "00021413,3423\n", CRITERIA, "plan.csv line 6: 2 fields, but the header has 9"),
                err("a flag that is not yes or no", CSV.replace("false,true", "false,maybe"), CRITERIA,
                        "plan.csv line 4, column STEP_THERAPY_YN: expected Y, N, 1, 0, true or false, not 'maybe'"),
                err("a quantity limit under an N flag", CSV.replace("1,N,0,0,N,N", "1,N,60,30,N,N"), CRITERIA,
                        "plan.csv line 2, column QUANTITY_LIMIT_AMOUNT: QUANTITY_LIMIT_YN is N but a QUANTITY_LIMIT_AMOUNT is given"),
                err("a Y quantity limit without days", CSV.replace("240,30", "240,0"), CRITERIA,
                        "plan.csv line 3, column QUANTITY_LIMIT_DAYS: QUANTITY_LIMIT_YN is Y but no QUANTITY_LIMIT_DAYS is given"),
                err("an unknown criteria field", CSV, CRITERIA.replace("\"drug\": \"codeine\",", "\"drug\": \"codeine\", \"tier\": 1,"),
                        "plan-criteria.json: drugs.2670.tier: unknown field; expected one of"),
                err("invalid step-therapy criteria", CSV, CRITERIA.replace("\"lookbackDays\": 120", "\"lookbackDays\": 0"),
                        "plan-criteria.json: drugs.3423.stepTherapy: stepTherapy.lookbackDays must be between 1 and 3660, not 0"),
                err("a criteria entry that is not an object", CSV,
                        CRITERIA.replace("{ \"drug\": \"codeine\", \"class\": \"opioid-analgesic\" }", "5"),
                        "plan-criteria.json: drugs.2670: expected a JSON object"),
                err("a blank name in the criteria", CSV, CRITERIA.replace("\"drug\": \"codeine\"", "\"drug\": \" \""),
                        "plan-criteria.json: drugs.2670.drug: blank"),
                err("one RxCUI twice in the criteria", CSV, CRITERIA.replace("\"10689\":", "\"2670\":"),
                        "plan-criteria.json", "Duplicate field '2670'"),
                err("criteria that are not an object", CSV, "[]",
                        "plan-criteria.json: expected a JSON object with formularyId, policy and drugs"),
                err("criteria that are not JSON", CSV, "{ \"drugs\": ", "plan-criteria.json line ", ": not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void badInputIsAFormularyExceptionNamingTheFileAndLine(String why, String csv, String criteria, String[] expected) {
        assertThatThrownBy(() -> read("plan.csv", csv, criteria))
                .isInstanceOf(FormularyException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContainingAll(expected);
    }

    private static Arguments err(String why, String csv, String criteria, String... expected) {
        return Arguments.of(why, csv, criteria, expected);
    }

    private FormularyCsvReader.Result read(String name, String csv, String criteria) throws IOException {
        Path file = Files.writeString(dir.resolve(name), csv, StandardCharsets.UTF_8);
        Path crit = criteria == null ? null : Files.writeString(dir.resolve("plan-criteria.json"), criteria, StandardCharsets.UTF_8);
        return FormularyCsvReader.read(file, crit);
    }
}
