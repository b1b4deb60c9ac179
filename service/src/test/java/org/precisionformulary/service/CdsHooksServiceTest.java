// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.json.ContractJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The service over real HTTP: the application on a random port, called with the JDK's HTTP client, and an
 * EHR FHIR server (HAPI's plain server) on the same port under {@code /fhir} for what is not prefetched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "precisionformulary.service.max-request-body=200KB"})
@ExtendWith(OutputCaptureExtension.class)
class CdsHooksServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("examples");
    private static final String SELECT = "/cds-services/pgx-coverage-order-select";
    private static final String SIGN = "/cds-services/pgx-coverage-order-sign";

    @TestConfiguration
    static class EhrFhirServer {
        @Bean
        InMemoryFhirServer inMemoryFhirServer() {
            return new InMemoryFhirServer();
        }

        @Bean
        ServletRegistrationBean<InMemoryFhirServer> fhirServlet(InMemoryFhirServer server) {
            return new ServletRegistrationBean<>(server, "/fhir/*");
        }
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    InMemoryFhirServer fhirServer;

    @Autowired
    PrecisionFormulary engine;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void discoveryListsBothHooksWithTheirPrefetchTemplates() throws Exception {
        HttpResponse<String> response = get("/cds-services");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode services = JSON.readTree(response.body()).get("services");
        assertThat(services).hasSize(2);
        assertThat(services.findValuesAsText("hook")).containsExactly("order-select", "order-sign");
        JsonNode prefetch = services.get(0).get("prefetch");
        assertThat(prefetch.get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(prefetch.get("genomics").asText())
                .startsWith("Observation?patient={{context.patientId}}&code=")
                .contains("http://loinc.org|84413-4", "http://loinc.org|53040-2",
                        "http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs|therapeutic-implication");
    }

    @Test
    void codeineForACyp2d6PoorMetabolizerIsACriticalCardWithTheCoveredAlternatives(CapturedOutput output)
            throws Exception {
        HttpResponse<String> response = post(SELECT, example("order-select-codeine-cyp2d6.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode card = onlyCard(response);
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        String summary = card.get("summary").asText();
        assertThat(summary).hasSizeLessThan(140)
                .contains("Codeine is not covered for this patient", "CPIC: avoid (CYP2D6)")
                .doesNotContain("*4", "Poor");
        assertThat(card.get("detail").asText())
                .contains("reject 88", "CYP2D6: Poor Metabolizer", "Strong", "PubMed [");
        List<String> suggested = card.get("suggestions").findValuesAsText("label");
        assertThat(suggested).isNotEmpty().allMatch(l -> l.startsWith("Prescribe "))
                .noneMatch(l -> l.contains("tramadol") || l.contains("codeine"));
        assertThat(card.get("selectionBehavior").asText()).isEqualTo("at-most-one");
        JsonNode action = card.get("suggestions").get(0).get("actions").get(0);
        assertThat(action.get("type").asText()).isEqualTo("update");
        assertThat(action.at("/resource/id").asText()).isEqualTo("mr-codeine");
        assertThat(action.at("/resource/medicationCodeableConcept/coding/0/system").asText())
                .isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
        assertThat(action.get("resource").has("dosageInstruction")).isFalse();
        assertThat(card.get("overrideReasons").findValuesAsText("code")).containsExactly("M0-1G");
        assertThat(card.get("links").get(0).get("url").asText()).startsWith("https://");
        // The genotype went through the whole service, and no log line carries it.
        assertThat(output.getAll()).doesNotContain("*4/*4", "Poor Metabolizer", "Poor metabolizer");
    }

    @Test
    void aPoorMetabolizerPhenotypeObservationDecidesAsTheGenotypeDoes() throws Exception {
        JsonNode byGenotype = onlyCard(post(SELECT, example("order-select-codeine-cyp2d6.json")));
        JsonNode byPhenotype = onlyCard(post(SELECT, example("order-select-codeine-phenotype.json")));

        assertThat(byPhenotype.get("indicator").asText()).isEqualTo("critical");
        assertThat(byPhenotype.get("summary").asText()).isEqualTo(byGenotype.get("summary").asText());
        assertThat(byPhenotype.get("suggestions").findValuesAsText("label"))
                .isEqualTo(byGenotype.get("suggestions").findValuesAsText("label"));
    }

    @Test
    void abacavirForAnHlaB5701CarrierStopsAtSigningAndRecordsCoverageOnTheOrder() throws Exception {
        HttpResponse<String> response = post(SIGN, example("order-sign-abacavir-hla-b.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        JsonNode card = body.get("cards").get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.get("summary").asText()).contains("Abacavir is not covered", "HLA-B").doesNotContain("57:01");
        assertThat(card.get("detail").asText()).contains("abacavir", "HLA-B");
        JsonNode extension = body.at("/systemActions/0/resource/extension/0");
        assertThat(extension.get("url").asText()).isEqualTo(CoverageInformation.EXTENSION);
        assertThat(extension.get("extension").findValuesAsText("valueCode")).containsExactly("not-covered");
        assertThat(extension.at("/extension/0/valueReference/reference").asText()).isEqualTo("Coverage/cov-1");
    }

    @Test
    void theGenomicsReportingIgsOwnGenotypeExampleIsReadAndItsUnlistedAlleleHeldForReview() throws Exception {
        JsonNode card = onlyCard(post(SELECT, example("order-select-warfarin-ig-genotype.json")));

        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).isEqualTo("Warfarin: coverage needs pharmacist review")
                .doesNotContain("*35B");
        assertThat(card.get("detail").asText()).contains("genotypes[0].diplotype", "*35B", "CYP2C9");
        assertThat(card.has("suggestions")).isFalse();
    }

    @Test
    void whatIsNotPrefetchedIsFetchedFromTheEhrsFhirServerWithItsToken() throws Exception {
        ObjectNode call = (ObjectNode) JSON.readTree(example("order-select-codeine-cyp2d6.json"));
        FhirContext fhir = FhirContext.forR4Cached();
        List<IBaseResource> held = new ArrayList<>();
        call.get("prefetch").forEach(r -> held.add(fhir.newJsonParser().parseResource(r.toString())));
        fhirServer.hold(held);
        fhirServer.requests.clear();
        call.remove("prefetch");
        call.put("fhirServer", "http://localhost:" + port + "/fhir");
        call.putObject("fhirAuthorization").put("access_token", InMemoryFhirServer.TOKEN).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "precision-formulary");

        JsonNode card = onlyCard(post(SELECT, call.toString()));

        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.get("summary").asText()).contains("CPIC: avoid (CYP2D6)");
        assertThat(fhirServer.requests).hasSize(4)
                .anyMatch(u -> u.startsWith("/fhir/Patient/pat-1"))
                .anyMatch(u -> u.startsWith("/fhir/Observation?") && u.contains("84413-4"));
    }

    @Test
    void aFhirServerThatCannotBeReachedGivesAWarningThatSaysSoNeverASilentApproval() throws Exception {
        ObjectNode call = (ObjectNode) JSON.readTree(example("order-select-codeine-cyp2d6.json"));
        ((ObjectNode) call.get("prefetch")).remove("genomics");
        call.put("fhirServer", "http://localhost:" + closedPort() + "/fhir");

        JsonNode card = onlyCard(post(SELECT, call.toString()));

        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).contains("genetic results incomplete");
        assertThat(card.get("detail").asText()).contains("genomics: the FHIR server could not be reached");
    }

    @Test
    void bodiesThatAreNotJsonAreA400NamingTheBody() throws Exception {
        HttpResponse<String> response = post(SELECT, "{\"hook\": \"order-select\", ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.at("/errors/0/field").asText()).isEqualTo("body");
        assertThat(error.at("/errors/0/message").asText()).startsWith("not valid JSON at line 1");
    }

    @Test
    void aCallWithoutItsDraftOrdersOrForTheOtherHookIsA400NamingEachField() throws Exception {
        ObjectNode call = (ObjectNode) JSON.readTree(example("order-select-codeine-cyp2d6.json"));
        ((ObjectNode) call.get("context")).remove("draftOrders");
        call.put("hook", "order-sign");

        HttpResponse<String> response = post(SELECT, call.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field"))
                .containsExactly("hook", "context.draftOrders");
    }

    @Test
    void anObservationThatCannotBeReadIsA400NamingTheResourceAndElement() throws Exception {
        ObjectNode call = (ObjectNode) JSON.readTree(example("order-select-codeine-cyp2d6.json"));
        ObjectNode observation = (ObjectNode) call.at("/prefetch/genomics/entry/0/resource");
        observation.putObject("valueCodeableConcept").put("text", "");
        observation.remove("component");

        HttpResponse<String> response = post(SELECT, call.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field"))
                .anyMatch(f -> f.contains("Observation/gt-cyp2d6"));
    }

    @Test
    void anUnknownServiceIsA404AndAnOversizedBodyA413() throws Exception {
        HttpResponse<String> unknown = post("/cds-services/no-such-service", example("order-select-codeine-cyp2d6.json"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/errors/0/message").asText()).contains("no-such-service");

        HttpResponse<String> large = post(SELECT, "{\"pad\": \"" + "x".repeat(210_000) + "\"}");
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(large.body()).at("/errors/0/message").asText())
                .contains("precisionformulary.service.max-request-body");
    }

    @Test
    void evaluateAnswersTheContractsDecisionAndRefusesWhatIsNotJson() throws Exception {
        String request = """
                {"requestId": "R-http-1", "serviceDate": "2026-11-20",
                 "member": {"id": "M-1", "birthDate": "1970-04-02"},
                 "drug": {"name": "codeine"},
                 "genotypes": [{"gene": "CYP2D6", "diplotype": "*4/*4"}]}""";

        HttpResponse<String> response = post("/evaluate", request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ContractJson.toJson(engine.evaluate(request)));
        assertThat(JSON.readTree(response.body()).get("outcome").asText()).isEqualTo("REJECTED");

        HttpResponse<String> missingField = post("/evaluate", "{\"requestId\": \"R-http-2\"}");
        assertThat(missingField.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(missingField.body()).get("outcome").asText()).isEqualTo("PHARMACIST_REVIEW");

        assertThat(post("/evaluate", "[1, 2").statusCode()).isEqualTo(400);
    }

    @Test
    void operatorsSeeThePackInHealthAndTheReloadEndpointOnTheManagementPortOnly() throws Exception {
        HttpResponse<String> health = get(managementPort, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode details = JSON.readTree(health.body()).at("/components/precisionFormulary");
        assertThat(details.get("status").asText()).isEqualTo("UP");
        assertThat(details.at("/details/packSha256").asText()).isEqualTo(engine.rulePack().sha256());

        HttpResponse<String> serving = get(managementPort, "/actuator/rulepack");
        assertThat(serving.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(serving.body()).at("/pack/packSha256").asText()).isEqualTo(engine.rulePack().sha256());
        // Nothing configured to reload from, and no directory given: refused as a bad request, the pack serves on.
        HttpResponse<String> reload = post(managementPort, "/actuator/rulepack", "{}");
        assertThat(reload.statusCode()).isEqualTo(400);

        assertThat(get(port, "/actuator/rulepack").statusCode()).isEqualTo(404);
        assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    }

    private static String example(String name) throws IOException {
        return Files.readString(EXAMPLES.resolve(name));
    }

    private static JsonNode onlyCard(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode cards = JSON.readTree(response.body()).get("cards");
        assertThat(cards).hasSize(1);
        return cards.get(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(port, path);
    }

    private HttpResponse<String> get(int onPort, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + onPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(port, path, body);
    }

    private HttpResponse<String> post(int onPort, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + onPort + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
