// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.precisionformulary.content.CpicData;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.engine.internal.Evaluator;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.json.FormularyReader;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * The engine a PBM embeds: one rule pack and one formulary, compiled and checked up front, then
 * thread-safe evaluation of coverage requests into explained decisions.
 *
 * <pre>{@code
 * PrecisionFormulary engine = PrecisionFormulary.builder()
 *         .formulary(Path.of("formulary.json"))
 *         .clock(Clock.systemUTC())
 *         .build();
 * CoverageDecision decision = engine.evaluate(requestJson);
 * }</pre>
 *
 * Bad input never throws: it comes back as a {@code PHARMACIST_REVIEW} decision whose errors name the
 * fields. A rule that fails or loops does the same, for that request only.
 */
public final class PrecisionFormulary {

    /** The library version, as decisions' audits name it. */
    public static final String VERSION = readVersion();

    private final Evaluator evaluator;
    private final Clock clock;
    private final RulePack rulePack;
    private final Formulary formulary;

    private PrecisionFormulary(Builder b) {
        this.rulePack = b.rulePack != null ? b.rulePack : RulePack.builtIn();
        this.formulary = b.formulary != null ? b.formulary : DemoFormulary.load();
        this.clock = b.clock;
        this.evaluator = new Evaluator(rulePack.compiled(), formulary, CpicData.builtIn(), VERSION, b.maxRuleFirings);
    }

    /** @return a builder with the built-in pack, the demo formulary and the system clock (UTC) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides one request given as contract JSON.
     *
     * @param requestJson one JSON object (contract §1)
     * @return the decision; {@code PHARMACIST_REVIEW} with field errors for bad input
     */
    public CoverageDecision evaluate(String requestJson) {
        return evaluator.evaluate(RequestReader.read(requestJson), today());
    }

    /**
     * Decides one request built in Java.
     *
     * @param request the request
     * @return the decision
     * @throws NullPointerException when the request is {@code null}
     */
    public CoverageDecision evaluate(CoverageRequest request) {
        Objects.requireNonNull(request, "request");
        ParsedRequest parsed = new ParsedRequest(request.requestId(), request, java.util.List.of(),
                Evaluator.canonicalText(request));
        return evaluator.evaluate(parsed, today());
    }

    /**
     * Decides a stream of requests, one decision per line, in order. Lazy: decisions are made as the
     * result is consumed, so memory stays flat however long the stream.
     *
     * @param requestJsonLines one JSON request per element (NDJSON lines)
     * @return one decision per element, in the same order
     * @throws NullPointerException when the stream is {@code null}
     */
    public Stream<CoverageDecision> evaluateAll(Stream<String> requestJsonLines) {
        Objects.requireNonNull(requestJsonLines, "requestJsonLines");
        return requestJsonLines.map(this::evaluate);
    }

    /** @return the rule pack decisions are made with */
    public RulePack rulePack() {
        return rulePack;
    }

    /** @return the formulary requests are routed against */
    public Formulary formulary() {
        return formulary;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static String readVersion() {
        try (InputStream in = PrecisionFormulary.class.getResourceAsStream("/org/precisionformulary/engine/engine.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures and builds a {@link PrecisionFormulary}; everything is compiled and checked in {@link #build()}. */
    public static final class Builder {
        private RulePack rulePack;
        private Formulary formulary;
        private Clock clock = Clock.systemUTC();
        private int maxRuleFirings = 10_000;

        private Builder() {
        }

        /**
         * @param pack the rule pack; the built-in pack when not called
         * @return this builder
         * @throws NullPointerException when the pack is {@code null}
         */
        public Builder rulePack(RulePack pack) {
            this.rulePack = Objects.requireNonNull(pack, "pack");
            return this;
        }

        /**
         * @param directory a directory of DRL files, compiled now
         * @return this builder
         * @throws RulePackException with every compiler message when the pack does not compile
         */
        public Builder rulePack(Path directory) {
            return rulePack(RulePack.fromDirectory(directory));
        }

        /**
         * @param formulary the plan's formulary; the embedded demo formulary when not called
         * @return this builder
         * @throws NullPointerException when the formulary is {@code null}
         */
        public Builder formulary(Formulary formulary) {
            this.formulary = Objects.requireNonNull(formulary, "formulary");
            return this;
        }

        /**
         * @param file a formulary JSON document, read now
         * @return this builder
         * @throws org.precisionformulary.model.json.FormularyException when it cannot be read or is invalid
         */
        public Builder formulary(Path file) {
            return formulary(FormularyReader.read(file));
        }

        /**
         * @param clock where the default service date comes from; rules never read a clock
         * @return this builder
         * @throws NullPointerException when the clock is {@code null}
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param limit the most rule firings one request may take before it is treated as a looping pack
         * @return this builder
         * @throws IllegalArgumentException when the limit is below 100
         */
        public Builder maxRuleFirings(int limit) {
            if (limit < 100) {
                throw new IllegalArgumentException("maxRuleFirings must be at least 100, not " + limit);
            }
            this.maxRuleFirings = limit;
            return this;
        }

        /**
         * @return the engine, ready to evaluate
         * @throws RulePackException when the built-in pack cannot be loaded
         * @throws org.precisionformulary.content.ContentException when a CPIC data table is missing or corrupt
         */
        public PrecisionFormulary build() {
            CpicData.builtIn();
            return new PrecisionFormulary(this);
        }
    }
}
