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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.engine.internal.EvaluationWorkers;
import org.precisionformulary.engine.internal.Evaluator;
import org.precisionformulary.engine.internal.MemberIdHasher;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.json.FormularyReader;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;
import org.precisionformulary.model.request.CoverageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Each evaluation with rules compiled at run time (a plan's pack) runs on a worker thread the engine owns,
 * and the caller waits at most the {@linkplain Builder#evaluationBudget evaluation budget} plus
 * {@link #DEADLINE_MARGIN}, whatever the rule pack does (see {@link #health()} for evaluations that do not stop).
 * The built-in pack as shipped, precompiled and the library's own code, runs on the caller's thread with the
 * budget checked between firings ({@link Builder#evaluationDeadline} says why). Workers are daemon threads named
 * {@code precision-formulary-eval-N}, reused while requests come and ended after 60 s idle, so an engine needs
 * no closing: one that is no longer used holds no thread a minute later and never keeps the JVM running.
 */
public final class PrecisionFormulary {

    /** The library version, as decisions' audits name it. */
    public static final String VERSION = readVersion();

    /**
     * How long past the evaluation budget a caller waits at most before the evaluation is stopped and
     * answered with {@code PHARMACIST_REVIEW}: 100 ms, so the budget check between rule firings, whose error
     * names the last rule that fired, answers first when it can.
     */
    public static final java.time.Duration DEADLINE_MARGIN = EvaluationWorkers.MARGIN;

    /** Stuck evaluations an engine tolerates (32); past that it refuses to start more (see {@link #health()}). */
    public static final int MAX_STUCK_EVALUATIONS = EvaluationWorkers.MAX_STUCK;

    /**
     * The system property that sizes every engine's finding cache (see {@link Builder#cacheFindings}): how many
     * (drug, population, genotype) keys' findings it keeps, {@value #DEFAULT_FINDING_CACHE_SIZE} when not set.
     * Read each time a pack is loaded (by {@link Builder#build()} and by every reload); a value that is not a
     * whole number, 0 or more, fails the load with an {@link IllegalArgumentException} naming the property.
     * The cache keeps admitting new keys when full, evicting those least likely to be used again.
     */
    public static final String FINDING_CACHE_SIZE_PROPERTY = "precisionformulary.findingCache.maximumSize";

    /**
     * System property giving the default evaluation budget in milliseconds (2,000 when unset), for hosts and
     * test runs that cannot call {@link Builder#evaluationBudget}; the builder's value wins.
     */
    public static final String EVALUATION_BUDGET_PROPERTY = "precisionformulary.evaluationBudgetMillis";

    /** Finding cache entries kept when {@link #FINDING_CACHE_SIZE_PROPERTY} is not set. */
    public static final long DEFAULT_FINDING_CACHE_SIZE = 100_000;

    /**
     * The system property that sizes every engine's genotype reading cache: how many distinct genotype entries'
     * readings (phenotype, activity score, lookup key) it keeps,
     * {@value org.precisionformulary.content.genotype.GenotypeInterpreter#DEFAULT_READING_CACHE_SIZE} when not set. Read
     * and checked as {@link #FINDING_CACHE_SIZE_PROPERTY} is, and admitting new entries when full in the same way.
     */
    public static final String GENOTYPE_READING_CACHE_SIZE_PROPERTY =
            org.precisionformulary.content.genotype.GenotypeInterpreter.READING_CACHE_SIZE_PROPERTY;

    private static final Logger LOG = LoggerFactory.getLogger(PrecisionFormulary.class);

    /**
     * The pack and the evaluator built on it, swapped together so a request sees one or the other; the label
     * names the pack in deadline messages; {@code onWorker} says whether its evaluations go to the workers
     * (see {@link Builder#evaluationDeadline}).
     */
    private record Current(RulePack pack, Evaluator evaluator, String label, boolean onWorker) {
    }

    private final AtomicReference<Current> current;
    private final Clock clock;
    private final Formulary formulary;
    private final int maxRuleFirings;
    private final java.time.Duration evaluationBudget;
    private final boolean cacheFindings;
    private final MemberIdHasher memberIdHasher;
    private final long readingCacheSize;
    private final long findingCacheSize;
    /** The host's helper classes packs loaded by this engine may use in their rules. */
    private final java.util.List<Class<?>> allowedInRules;
    /** Runs evaluations to a deadline; {@code null} in caller-thread mode. */
    private final EvaluationWorkers workers;
    private final java.util.List<DecisionListener> decisionListeners;
    private final java.util.List<ReloadListener> reloadListeners;

    private PrecisionFormulary(Builder b) {
        this.formulary = b.formulary != null ? b.formulary : DemoFormulary.load();
        this.clock = b.clock;
        this.maxRuleFirings = b.maxRuleFirings;
        this.evaluationBudget = b.evaluationBudget;
        this.cacheFindings = b.cacheFindings;
        this.memberIdHasher = b.memberIdHasher;
        this.readingCacheSize = b.readingCacheSize >= 0 ? b.readingCacheSize : org.precisionformulary.content.BoundedCache
                .maximumSizeFromProperty(GENOTYPE_READING_CACHE_SIZE_PROPERTY,
                org.precisionformulary.content.genotype.GenotypeInterpreter.DEFAULT_READING_CACHE_SIZE);
        this.findingCacheSize = b.findingCacheSize >= 0 ? b.findingCacheSize : org.precisionformulary.content.BoundedCache
                .maximumSizeFromProperty(FINDING_CACHE_SIZE_PROPERTY, DEFAULT_FINDING_CACHE_SIZE);
        this.allowedInRules = java.util.List.copyOf(b.allowedInRules);
        this.workers = b.evaluationDeadline ? new EvaluationWorkers(b.evaluationBudget) : null;
        this.decisionListeners = java.util.List.copyOf(b.decisionListeners);
        this.reloadListeners = java.util.List.copyOf(b.reloadListeners);
        this.current = new AtomicReference<>(current(b.rulePack != null ? b.rulePack : RulePack.builtIn()));
    }

    private Current current(RulePack pack) {
        return new Current(pack, new Evaluator(pack.compiled(), formulary, CpicData.builtIn(), VERSION, maxRuleFirings,
                evaluationBudget.toNanos(), cacheFindings, memberIdHasher, readingCacheSize, findingCacheSize),
                pack.name() + " " + pack.version(), workers != null && !pack.compiled().precompiled());
    }

    /** @return a builder with the built-in pack, the demo formulary and the system clock (UTC) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides one request given as contract JSON, within the evaluation budget plus {@link #DEADLINE_MARGIN}.
     *
     * @param requestJson one JSON object (contract §1)
     * @return the decision; {@code PHARMACIST_REVIEW} with field errors for bad input, and with an error on
     *         {@code $} naming the rule pack and the budget when the pack did not decide in time
     */
    public CoverageDecision evaluate(String requestJson) {
        long start = System.nanoTime();
        CoverageDecision decision = decide(requestJson);
        tell(decision, System.nanoTime() - start);
        return decision;
    }

    private CoverageDecision decide(String requestJson) {
        Current now = current.get();
        try {
            if (!now.onWorker()) {
                return now.evaluator().evaluate(RequestReader.read(requestJson), today());
            }
            Evaluator evaluator = now.evaluator();
            LocalDate today = today();
            // The worker reads the request itself, so the objects it becomes are made on the core that decides
            // them: read on the caller's thread, they cost the worker cache misses on every look-up.
            AtomicReference<ParsedRequest> read = new AtomicReference<>();
            return workers.run(() -> {
                ParsedRequest parsed = RequestReader.read(requestJson);
                read.set(parsed);
                return evaluator.evaluate(parsed, today);
            }, now.label(), reason -> {
                ParsedRequest parsed = read.get();
                return undecided(evaluator, parsed != null ? parsed : RequestReader.read(requestJson), today, reason);
            });
        } catch (RuntimeException e) {
            // Every known bad input is an error naming its field; this is the net under what is not known yet,
            // so a caller never gets an exception, and never an approval, for what it sent.
            LOG.warn("The engine failed on a request ({}); decided PHARMACIST_REVIEW", e.getClass().getName());
            return now.evaluator().engineFailure(requestJson, e);
        }
    }

    /**
     * Decides one request built in Java, within the evaluation budget plus {@link #DEADLINE_MARGIN}.
     *
     * @param request the request
     * @return the decision; {@code PHARMACIST_REVIEW} with an error on {@code $} naming the rule pack and the
     *         budget when the pack did not decide in time
     * @throws NullPointerException when the request is {@code null}
     */
    public CoverageDecision evaluate(CoverageRequest request) {
        Objects.requireNonNull(request, "request");
        long start = System.nanoTime();
        CoverageDecision decision = decide(request);
        tell(decision, System.nanoTime() - start);
        return decision;
    }

    private CoverageDecision decide(CoverageRequest request) {
        ParsedRequest parsed = new ParsedRequest(request.requestId(), request, java.util.List.of(),
                Evaluator.canonicalText(request));
        Current now = current.get();
        Evaluator evaluator = now.evaluator();
        LocalDate today = today();
        if (!now.onWorker()) {
            return evaluator.evaluate(parsed, today);
        }
        return workers.run(() -> evaluator.evaluate(parsed, today), now.label(),
                reason -> undecided(evaluator, parsed, today, reason));
    }

    /** @return whether the current pack's evaluations run on the workers to a deadline (for tests) */
    boolean evaluatesOnWorkers() {
        return current.get().onWorker();
    }

    private void tell(CoverageDecision decision, long nanos) {
        for (DecisionListener listener : decisionListeners) {
            try {
                listener.decided(decision, nanos);
            } catch (RuntimeException | LinkageError e) {
                // A metrics or audit hook never turns a decision into a failure. Its message may quote the decision
                // (genotypes, the member id), so only the classes are logged.
                LOG.warn("A decision listener ({}) failed with {}; the decision stands", listener.getClass().getName(),
                        e.getClass().getName());
            }
        }
    }

    private void tell(PackReload reload) {
        for (ReloadListener listener : reloadListeners) {
            try {
                listener.reloaded(reload);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("A reload listener ({}) failed with {}; the reload stands", listener.getClass().getName(),
                        e.getClass().getName());
            }
        }
    }

    private void tellRefused(String source, RuntimeException refusal) {
        tell(PackReload.endedNow(source, null, refusal));
    }

    /** The answer for a request the rules did not decide by the deadline, or that the engine did not start. */
    private static CoverageDecision undecided(Evaluator evaluator, ParsedRequest parsed, LocalDate today,
                                              String reason) {
        // A request that cannot be read gets its field errors, which need no rule and no worker.
        return parsed.isValid() ? evaluator.undecided(parsed, reason) : evaluator.evaluate(parsed, today);
    }

    /**
     * How the engine is coping with evaluations that do not stop: an evaluation still running at its deadline
     * is stopped and answered with {@code PHARMACIST_REVIEW}; if its worker thread has not ended a grace period
     * later (one more budget, at least one second) it counts as stuck until the thread ends, with a WARN log
     * line naming the rule pack. While more than {@link #MAX_STUCK_EVALUATIONS} are stuck, every request is
     * answered at once with {@code PHARMACIST_REVIEW} and an error on {@code $} saying the engine is unhealthy,
     * and no thread is started for it. In caller-thread mode ({@code evaluationDeadline(false)}) nothing is
     * stopped or counted and the engine always reports healthy.
     *
     * @return a snapshot of the counts
     */
    public EngineHealth health() {
        Evaluator evaluator = current.get().evaluator();
        var readings = evaluator.readingCacheStats();
        var findings = evaluator.findingCacheStats().orElse(null);
        if (workers == null) {
            return new EngineHealth(true, 0, 0, readings, findings);
        }
        int stuck = workers.stuck();
        return new EngineHealth(stuck <= MAX_STUCK_EVALUATIONS, stuck, workers.timedOut(), readings, findings);
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

    /** @return the rule pack decisions are made with now */
    public RulePack rulePack() {
        return current.get().pack();
    }

    /**
     * Swaps to another, already compiled pack. Requests in flight finish on the pack they started with;
     * every decision's audit names the pack version and SHA-256 it was decided with. The
     * {@linkplain Builder#reloadListener reload listeners} hear of it, accepted or refused.
     *
     * @param pack the new pack
     * @return the pack it replaced
     * @throws NullPointerException     when the pack is {@code null}
     * @throws IllegalArgumentException naming the property, when a cache size property is set to anything but a
     *                                  whole number, 0 or more (the sizes are read at every load); the old pack
     *                                  keeps serving
     */
    public RulePack reload(RulePack pack) {
        Objects.requireNonNull(pack, "pack");
        return reload(pack, pack.name() + " " + pack.version());
    }

    private RulePack reload(RulePack pack, String source) {
        Current next;
        try {
            next = current(pack);
        } catch (RuntimeException e) {
            tellRefused(source, e);
            throw e;
        }
        Current previous = current.getAndSet(next);
        LOG.info("Rule pack {} {} replaced {} {}", pack.name(), pack.version(), previous.pack().name(),
                previous.pack().version());
        tell(PackReload.endedNow(source, pack, null));
        return previous.pack();
    }

    /**
     * Compiles a pack directory on a background thread while this engine keeps serving, then swaps to it.
     * The pack is checked as {@link RulePack#fromDirectory(Path, java.util.Collection)} checks it, with the
     * helper classes this engine was built to allow ({@link Builder#allowInRules}). A pack that fails the
     * checks or does not compile is refused: the old pack keeps serving and the future completes
     * exceptionally with the {@link RulePackException} saying why. The
     * {@linkplain Builder#reloadListener reload listeners} hear of it, accepted or refused, before the future
     * completes.
     *
     * @param directory the new pack's directory
     * @return completes with the pack now serving
     * @throws NullPointerException when the directory is {@code null}
     */
    public CompletableFuture<RulePack> reloadInBackground(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return CompletableFuture.supplyAsync(() -> {
            RulePack pack;
            try {
                pack = RulePack.fromDirectory(directory, allowedInRules);
            } catch (RuntimeException e) {
                tellRefused(directory.toString(), e);
                throw e;
            }
            reload(pack, directory.toString());
            return pack;
        }).whenComplete((pack, failure) -> {
            if (failure != null) {
                LOG.warn("Rule pack {} refused; the current pack keeps serving: {}", directory, failure.getMessage());
            }
        });
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
        private Path rulePackDirectory;
        private final java.util.List<Class<?>> allowedInRules = new java.util.ArrayList<>();
        private Formulary formulary;
        private Clock clock = Clock.systemUTC();
        private int maxRuleFirings = 10_000;
        private java.time.Duration evaluationBudget = defaultEvaluationBudget();
        private boolean cacheFindings = true;
        private boolean evaluationDeadline = true;
        private MemberIdHasher memberIdHasher;
        private long readingCacheSize = -1;
        private long findingCacheSize = -1;
        private final java.util.List<DecisionListener> decisionListeners = new java.util.ArrayList<>();
        private final java.util.List<ReloadListener> reloadListeners = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * @param pack the rule pack; the built-in pack when not called
         * @return this builder
         * @throws NullPointerException when the pack is {@code null}
         */
        public Builder rulePack(RulePack pack) {
            this.rulePack = Objects.requireNonNull(pack, "pack");
            this.rulePackDirectory = null;
            return this;
        }

        /**
         * @param directory a directory of DRL files, checked and compiled by {@link #build()} with the helper
         *                  classes allowed by {@link #allowInRules}
         * @return this builder
         * @throws NullPointerException when the directory is {@code null}
         */
        public Builder rulePack(Path directory) {
            this.rulePackDirectory = Objects.requireNonNull(directory, "directory");
            this.rulePack = null;
            return this;
        }

        /**
         * Lets the rules of packs this engine loads use the host's own helper classes (their public members),
         * beyond the rule allowlist of {@code docs/authoring.md}. Only the host can widen the list; a pack's
         * files never can. Every decision's audit lists the classes allowed ({@code audit.allowedInRules}).
         *
         * @param helpers public classes of the host
         * @return this builder
         * @throws IllegalArgumentException when a class may not be allowed in rules: not public, or one that
         *                                  reaches the JVM, threads, reflection, files or the network
         */
        public Builder allowInRules(Class<?>... helpers) {
            java.util.List<Class<?>> list = java.util.List.of(helpers);
            org.precisionformulary.engine.internal.RuleAllowlist.DEFAULT.widenedBy(list);
            list.stream().filter(h -> !allowedInRules.contains(h)).forEach(allowedInRules::add);
            return this;
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
         * @param file a formulary JSON document (contract §3), or a flat file in the CMS formulary file's style
         *             ({@code .csv}, {@code .tsv}, {@code .txt}) that names every drug and class itself; read now
         * @return this builder
         * @throws org.precisionformulary.model.json.FormularyException when it cannot be read or is invalid
         */
        public Builder formulary(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
                return formulary(file, null);
            }
            return formulary(FormularyReader.read(file));
        }

        /**
         * A formulary from a plan's flat file and the criteria document that gives what a flat file cannot
         * (names, classes, step-therapy and prior-authorization criteria): see
         * {@link org.precisionformulary.model.json.FormularyCsvReader}. Its {@code NDC} column lets claims name
         * drugs by NDC. Quantity limits in the file are read and not yet enforced.
         *
         * @param flatFile the flat file
         * @param criteria the criteria document, or {@code null}
         * @return this builder
         * @throws org.precisionformulary.model.json.FormularyException when either cannot be read, is invalid,
         *                                                              or they disagree
         */
        public Builder formulary(Path flatFile, Path criteria) {
            return formulary(org.precisionformulary.model.json.FormularyCsvReader.read(flatFile, criteria).formulary());
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

        private static java.time.Duration defaultEvaluationBudget() {
            String value = System.getProperty(EVALUATION_BUDGET_PROPERTY);
            if (value == null || value.isBlank()) {
                return java.time.Duration.ofSeconds(2);
            }
            try {
                long millis = Long.parseLong(value.trim());
                if (millis > 0) {
                    return java.time.Duration.ofMillis(millis);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(EVALUATION_BUDGET_PROPERTY + " must be a positive number of milliseconds,"
                    + " not '" + value + "'");
        }

        /**
         * The longest one evaluation may take; 2 seconds by default. It is enforced twice:
         * <ul>
         *   <li>between rule firings, inside each rule session: a slow cascade of firings is halted, and the
         *       decision is {@code PHARMACIST_REVIEW} with an error on {@code $} naming the budget and the last
         *       rule that fired;</li>
         *   <li>by the caller's deadline: the evaluation runs on one of the engine's worker threads, and the
         *       caller waits at most the budget plus {@link PrecisionFormulary#DEADLINE_MARGIN}. An evaluation
         *       still running then (one firing that does not end, a network evaluation that does not finish)
         *       is asked to stop (its session halted, its worker interrupted) and the caller gets, at once,
         *       {@code PHARMACIST_REVIEW} with an error on {@code $} naming the rule pack, its version and the
         *       budget. A worker that does not stop counts as stuck (see {@link PrecisionFormulary#health()}).</li>
         * </ul>
         * The budget is wall-clock time: on an overloaded host, an evaluation that would have been decided may
         * come back as a review.
         *
         * @param budget the longest one evaluation may take before it is stopped and sent to a pharmacist
         * @return this builder
         * @throws IllegalArgumentException when the budget is not positive
         */
        public Builder evaluationBudget(java.time.Duration budget) {
            if (budget == null || budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("evaluationBudget must be positive, not " + budget);
            }
            this.evaluationBudget = budget;
            return this;
        }

        /**
         * Whether evaluations of packs with rules compiled at run time run on the engine's worker threads with
         * the caller's deadline (on by default). Off, the engine runs in the old caller-thread mode: each
         * evaluation runs on the calling thread, the budget is checked only between rule firings, and a firing
         * that never ends blocks the caller for good. The deadline costs every request a handoff to a worker
         * and back (two thread wake-ups; {@code docs/performance.md}, "Deadline per evaluation", has the
         * figures): turn it off only where the caller bounds its own wait some other way.
         *
         * <p>The built-in pack as shipped (precompiled into {@code rules-content}, with no local rules laid
         * over it) always runs on the caller's thread: its consequences only insert result facts, a request
         * is bounded ({@code RequestReader}'s limits: 2,000 fills, 100 genotypes), and its largest request
         * is decided well inside the budget ({@code docs/reliability.md}, "The deadline per evaluation"), so a
         * firing that never ends is not a failure it can have, and the check between firings still applies.
         * A reload to a plan's pack moves that pack's evaluations to the workers.
         *
         * @param deadline {@code false} to evaluate on the calling thread
         * @return this builder
         */
        public Builder evaluationDeadline(boolean deadline) {
            this.evaluationDeadline = deadline;
            return this;
        }

        /**
         * Whether the gene–drug findings of a (drug, population, genotype) are kept and reused by later requests
         * until the pack is reloaded (on by default). Decisions are the same either way; off, every request runs
         * the gene–drug rules again, which is the reference the cache is tested against.
         *
         * @param cache {@code false} to work out findings afresh for every request
         * @return this builder
         */
        public Builder cacheFindings(boolean cache) {
            this.cacheFindings = cache;
            return this;
        }

        /**
         * @param entries how many distinct genotype entries' readings to keep; the system property
         *                {@link PrecisionFormulary#GENOTYPE_READING_CACHE_SIZE_PROPERTY}, or 50,000, when not called
         * @return this builder
         * @throws IllegalArgumentException when entries is negative
         */
        public Builder genotypeReadingCacheSize(long entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("genotypeReadingCacheSize cannot be negative: " + entries);
            }
            this.readingCacheSize = entries;
            return this;
        }

        /**
         * @param keys how many (drug, population, genotype) keys' findings to keep; the system property
         *             {@link PrecisionFormulary#FINDING_CACHE_SIZE_PROPERTY}, or 100,000, when not called
         * @return this builder
         * @throws IllegalArgumentException when keys is negative
         */
        public Builder findingCacheSize(long keys) {
            if (keys < 0) {
                throw new IllegalArgumentException("findingCacheSize cannot be negative: " + keys);
            }
            this.findingCacheSize = keys;
            return this;
        }

        /**
         * Puts a keyed hash of the member id in every decision's audit ({@code audit.memberIdHash},
         * HMAC-SHA-256, hex), so decisions can be linked to members without carrying their ids. Without a key
         * decisions hold no member identifier at all. Keep the key secret and the same across runs that must
         * link up.
         *
         * @param key the plan's secret key, at least 16 bytes
         * @return this builder
         * @throws IllegalArgumentException when the key is shorter than 16 bytes
         */
        public Builder hashMemberIds(byte[] key) {
            this.memberIdHasher = new MemberIdHasher(key);
            return this;
        }

        /**
         * Adds a listener told of every decision and the nanoseconds it took, for metrics. Listeners are called in
         * the order added, on the caller's thread, after the decision is made; one that throws is logged at WARN
         * (its class and the exception's, nothing of the decision) and the decision is returned as made.
         *
         * <pre>{@code
         * builder.decisionListener((decision, nanos) -> timer.record(nanos, TimeUnit.NANOSECONDS));
         * }</pre>
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException when the listener is {@code null}
         */
        public Builder decisionListener(DecisionListener listener) {
            decisionListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a listener told of every pack reload, accepted or refused ({@link PackReload}). Listeners are
         * called in the order added; one that throws is logged at WARN and the reload stands.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException when the listener is {@code null}
         */
        public Builder reloadListener(ReloadListener listener) {
            reloadListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @return the engine, ready to evaluate
         * @throws RulePackException when the pack directory given fails the pack checks or does not compile, or
         *                           when the built-in pack cannot be loaded
         * @throws org.precisionformulary.content.ContentException when a CPIC data table is missing or corrupt
         * @throws IllegalArgumentException naming the property, when
         *                                  {@link PrecisionFormulary#FINDING_CACHE_SIZE_PROPERTY} or
         *                                  {@link PrecisionFormulary#GENOTYPE_READING_CACHE_SIZE_PROPERTY} is set to
         *                                  anything but a whole number, 0 or more
         */
        public PrecisionFormulary build() {
            // The CPIC tables and the built-in pack load independently, about a second and two seconds cold:
            // side by side they cost the longer of the two, which is most of the time to a first decision.
            CompletableFuture<CpicData> tables = CompletableFuture.supplyAsync(CpicData::builtIn);
            if (rulePackDirectory != null) {
                rulePack = RulePack.fromDirectory(rulePackDirectory, allowedInRules);
                rulePackDirectory = null;
            }
            if (rulePack == null) {
                RulePack.builtIn();
            }
            try {
                tables.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw e;
            }
            return new PrecisionFormulary(this);
        }
    }
}
