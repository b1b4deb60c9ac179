// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.conf.IndexLeftBetaMemoryOption;
import org.kie.internal.conf.IndexRightBetaMemoryOption;
import org.precisionformulary.engine.RulePackException;
import org.precisionformulary.engine.RulePackProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled rule pack: the shared, thread-safe KieBase plus what every decision's audit names.
 *
 * @param wholeBase       gives the KieBase of every rule in the pack ({@link #kieBase()})
 * @param name            the pack's name
 * @param version         the pack's version
 * @param sha256          SHA-256 over the pack's files
 * @param cpicDataVersion the CPIC data version
 * @param rules           rule name to rule, for metadata look-ups
 * @param overriddenRules built-in rules a local pack replaced by name, sorted; empty for other packs
 * @param files           the rule and data files the pack holds (the ones its SHA-256 covers), sorted
 * @param models          the precompiled executable models the KieBase was built from; empty for a pack
 *                        compiled at run time
 * @param allowedInRules  the host's helper classes the pack's rules were allowed to use, by name; empty when
 *                        the pack was held to the default allowlist
 * @param plan            the plan's P&amp;T decisions and population selectors ({@link PlanTables}); {@link
 *                        PlanTables#NONE} for the built-in pack
 * @param genotypeReads   rule name to what it reads of the genotype facts, for every rule that reads one: from
 *                        the built-in rules' metadata and from the source of rules compiled at run time
 */
public record CompiledPack(Supplier<KieBase> wholeBase, String name, String version, String sha256,
                           String cpicDataVersion, Map<String, RuleInfo> rules, List<String> overriddenRules,
                           List<String> files, List<Model> models, List<String> allowedInRules, PlanTables plan,
                           Map<String, GenotypeReads> genotypeReads) {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledPack.class);

    /**
     * The KieBase of every rule in the pack. The built-in pack builds it on first use: its decisions run in
     * smaller KieBases ({@link #subset}), and building all its rules would be about a quarter of a command's
     * time to its first decision.
     *
     * @return the KieBase, shared and thread-safe
     * @throws RulePackException when the built-in pack's models cannot be built into a KieBase
     */
    public KieBase kieBase() {
        return wholeBase.get();
    }

    /**
     * @return whether every rule is the library's own, precompiled at build time: the built-in pack as
     *         shipped, with no local rules or tables laid over it
     */
    public boolean precompiled() {
        return !models.isEmpty();
    }

    /** Where kie-maven-plugin lists the model classes it generated for rules-content. */
    static final String MODEL_INDEX = "META-INF/kie/org.precisionformulary/rules-content/drools-model";

    /** Where the built-in pack's rules and manifest sit on the classpath. */
    public static final String RULES_FOLDER = "org/precisionformulary/rules";

    private static final Pattern ERROR_LINE = Pattern.compile("\\[ERR \\d+\\] Line (\\d+):");
    private static final Pattern UNKNOWN_CLASS = Pattern.compile("Unable to find class: ([\\w.$]+)");

    /**
     * Loads the pack precompiled into {@code rules-content} (the executable model, built by kie-maven-plugin).
     *
     * @param loader the class loader holding rules-content
     * @return the pack
     * @throws RulePackException when the pack is missing or its kmodule cannot be read
     */
    public static CompiledPack builtIn(ClassLoader loader) {
        long start = System.nanoTime();
        List<Model> models;
        try {
            models = List.copyOf(precompiledModels(loader));
        } catch (RuntimeException | ReflectiveOperationException | java.io.IOException e) {
            LOG.error("The built-in rule pack cannot be loaded", e);
            throw new RulePackException("the built-in rule pack cannot be loaded (" + e.getClass().getName() + ": "
                    + e.getMessage() + "); is rules-content on the classpath with its META-INF/kie model?", List.of(), e);
        }
        TreeMap<String, byte[]> files = builtInFiles(loader);
        Properties manifest = manifest(files.get(RULES_FOLDER + "/pack.properties"));
        Map<String, RuleInfo> rules = readRules(models);
        CompiledPack pack = new CompiledPack(new OnFirstUse(() -> {
            try {
                return KieBaseBuilder.createKieBaseFromModel(models);
            } catch (RuntimeException e) {
                throw new RulePackException("the built-in rule pack cannot be built: " + e.getMessage(), List.of(), e);
            }
        }), manifest.getProperty("name", "built-in"),
                manifest.getProperty("version", "unknown"), PackFiles.sha256(files),
                manifest.getProperty("cpicDataVersion", "unknown"), rules, List.of(), List.copyOf(files.keySet()),
                models, List.of(), PlanTables.NONE, GenotypeReads.declared(rules));
        LOG.info("Loaded rule pack {} {} ({} rules) in {} ms", pack.name(), pack.version(), pack.rules().size(),
                (System.nanoTime() - start) / 1_000_000);
        return pack;
    }

    /**
     * Compiles DRL files at run time to the executable model.
     *
     * @param files  path (relative to the pack root, e.g. {@code local/my-rule.drl}) to content; non-DRL files
     *               are hashed but not compiled; {@code pack.properties} is read as the manifest
     * @param origin     where the files come from, for messages
     * @param allowlist  what the pack's rules may use, or {@code null} to compile without checking the pack
     *                   first ({@code validate} reports the checks' problems beside the compiler's)
     * @return the pack
     * @throws RulePackException with every problem (file and line) when the pack fails the checks or does not
     *                           compile
     */
    public static CompiledPack compile(TreeMap<String, byte[]> files, String origin, RuleAllowlist allowlist) {
        long start = System.nanoTime();
        KieBase kieBase = compileKieBase(files, origin, allowlist);
        Properties manifest = manifest(files.get("pack.properties"));
        TreeMap<String, byte[]> sources = PackFiles.sources(files);
        CompiledPack pack = new CompiledPack(() -> kieBase, manifest.getProperty("name", origin),
                manifest.getProperty("version", "unversioned"), PackFiles.sha256(sources),
                manifest.getProperty("cpicDataVersion", "unknown"), readRules(kieBase), List.of(),
                List.copyOf(sources.keySet()), List.of(), allowedNames(allowlist),
                PlanTables.read(files, org.precisionformulary.content.cpic.CpicData.builtIn(), origin),
                GenotypeReads.fromSource(files));
        LOG.info("Compiled rule pack {} {} ({} rules) in {} ms", pack.name(), pack.version(), pack.rules().size(),
                (System.nanoTime() - start) / 1_000_000);
        return pack;
    }

    /**
     * A local pack on top of the built-in one: the built-in KieBase comes from its precompiled model, the
     * local DRL is compiled alone and its packages are added; a local rule named like a built-in rule
     * replaces it. Recompiling the whole pack at run time would take over 30 s and 1.5 GB.
     *
     * @param loader the class loader holding rules-content
     * @param local  the local pack's files, relative to its root
     * @param origin    where they come from, for messages
     * @param allowlist what the local rules may use
     * @return the layered pack
     * @throws RulePackException when the local pack fails the checks or does not compile
     */
    public static CompiledPack layered(ClassLoader loader, TreeMap<String, byte[]> local, String origin,
                                       RuleAllowlist allowlist) {
        long start = System.nanoTime();
        // A plan may bring only data: its P&T decisions or population selectors, and no rule of its own.
        boolean dataOnly = local.keySet().stream().noneMatch(k -> k.endsWith(".drl"))
                && (local.containsKey(PlanTables.PT_DECISIONS)
                || local.containsKey(org.precisionformulary.content.population.PopulationSelector.TABLE));
        KieBase localBase = null;
        if (!dataOnly) {
            localBase = compileKieBase(local, origin, allowlist);
        } else if (allowlist != null) {
            List<RulePackProblem> violations = check(local, allowlist);
            if (!violations.isEmpty()) {
                throw new RulePackException(origin + " is refused: " + violations.size() + " problem"
                        + (violations.size() == 1 ? "" : "s") + " found in its tables", violations);
            }
        }
        InternalKnowledgeBase base;
        try {
            base = KieBaseBuilder.createKieBaseFromModel(precompiledModels(loader));
        } catch (RuntimeException | ReflectiveOperationException | java.io.IOException e) {
            throw new RulePackException("the built-in rule pack cannot be loaded under " + origin + ": " + e.getMessage(),
                    List.of(), e);
        }
        Map<String, String> builtInPackages = new TreeMap<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                builtInPackages.put(rule.getName(), pkg.getName());
            }
        }
        List<String> overridden = new ArrayList<>();
        for (KiePackage pkg : localBase == null ? List.<KiePackage>of() : localBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String builtInPackage = builtInPackages.get(rule.getName());
                if (builtInPackage != null) {
                    base.removeRule(builtInPackage, rule.getName());
                    overridden.add(rule.getName());
                }
            }
        }
        if (localBase != null) {
            base.addPackages(localBase.getKiePackages());
        }
        TreeMap<String, byte[]> files = builtInFiles(loader);
        local.forEach((path, bytes) -> files.put("local/" + path, bytes));
        Properties builtIn = manifest(files.get(RULES_FOLDER + "/pack.properties"));
        Properties manifest = manifest(local.get("pack.properties"));
        java.util.Collections.sort(overridden);
        Map<String, RuleInfo> rules = readRules(base);
        // The built-in rules still in the base say what they read in their metadata; the local ones are read
        // from their source, and replace a built-in rule of the same name.
        Map<String, GenotypeReads> reads = new TreeMap<>(GenotypeReads.declared(rules));
        overridden.forEach(reads::remove);
        reads.putAll(GenotypeReads.fromSource(local));
        CompiledPack pack = new CompiledPack(() -> base,
                manifest.getProperty("name", builtIn.getProperty("name") + "+" + origin),
                manifest.getProperty("version", builtIn.getProperty("version") + "+local"), PackFiles.sha256(files),
                builtIn.getProperty("cpicDataVersion", "unknown"), rules, List.copyOf(overridden),
                List.copyOf(files.keySet()), List.of(), allowedNames(allowlist),
                PlanTables.read(local, org.precisionformulary.content.cpic.CpicData.builtIn(), origin),
                Collections.unmodifiableMap(reads));
        LOG.info("Layered rule pack {} {} on the built-in pack ({} rules, {} overridden) in {} ms", pack.name(),
                pack.version(), pack.rules().size(), overridden.size(), (System.nanoTime() - start) / 1_000_000);
        return pack;
    }

    /**
     * Every check a pack must pass before it is compiled, the same for {@code validate} and for every load:
     * the compliance and authoring lint ({@link PackLint#lint}), the containment check
     * ({@link RuleContainment}) and the plan tables ({@link PlanTables}).
     *
     * @param files     the pack's files, relative to its root
     * @param allowlist what the pack's rules may use
     * @return every problem, with file and line, sorted; empty when the pack may be compiled
     */
    public static List<RulePackProblem> check(Map<String, byte[]> files, RuleAllowlist allowlist) {
        java.util.Set<RulePackProblem> problems = new java.util.LinkedHashSet<>(PackLint.lint(files));
        problems.addAll(RuleContainment.check(files, allowlist));
        problems.addAll(PlanTables.check(files, org.precisionformulary.content.cpic.CpicData.builtIn()));
        return problems.stream().sorted(java.util.Comparator.comparing(RulePackProblem::file)
                .thenComparingInt(RulePackProblem::line)).toList();
    }

    private static List<String> allowedNames(RuleAllowlist allowlist) {
        return allowlist == null ? List.of() : allowlist.hostAllowedNames();
    }

    private static KieBase compileKieBase(TreeMap<String, byte[]> files, String origin, RuleAllowlist allowlist) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("org.precisionformulary.runtime",
                "pack-" + PackFiles.sha256(files).substring(0, 16), "1.0." + System.nanoTime());
        kfs.generateAndWritePomXML(releaseId);
        int drlCount = 0;
        for (var e : files.entrySet()) {
            if (e.getKey().endsWith(".drl")) {
                kfs.write("src/main/resources/" + e.getKey(), e.getValue());
                drlCount++;
            }
        }
        if (drlCount == 0) {
            throw new RulePackException(origin + " holds no .drl file", List.of());
        }
        List<RulePackProblem> violations = allowlist == null ? List.of() : check(files, allowlist);
        if (!violations.isEmpty()) {
            throw new RulePackException(origin + " is refused: " + violations.size() + " problem"
                    + (violations.size() == 1 ? "" : "s") + " found before compiling it", violations);
        }
        KieBuilder builder = ks.newKieBuilder(kfs);
        try {
            builder.buildAll(ExecutableModelProject.class);
        } catch (RuntimeException e) {
            // The executable-model compiler throws on some type errors instead of reporting them.
            throw new RulePackException(origin + " does not compile",
                    List.of(new RulePackProblem("?", 0, e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
        List<RulePackProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(problem(m, files));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RulePackException(origin + " does not compile", problems);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        KieBase kieBase = container.getKieBase();
        // The repository keeps every module built; without this each reload leaks the whole pack.
        ks.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    /**
     * The built-in pack's files as its hash and file list see them: the DRL, manifest and data tables an
     * author writes, not the classes the build generates, so the same sources give the same hash.
     */
    private static TreeMap<String, byte[]> builtInFiles(ClassLoader loader) {
        TreeMap<String, byte[]> files = PackFiles.sources(PackFiles.readClasspathFolder(loader, RULES_FOLDER));
        files.putAll(PackFiles.sources(PackFiles.readClasspathFolder(loader, "org/precisionformulary/content")));
        return files;
    }

    /**
     * The model classes kie-maven-plugin generated, as its {@code drools-model} index lists them. Building the
     * KieBase from them directly, instead of through a classpath KieContainer, spares reading every entry of
     * the jar into memory (over 200 MiB in the self-contained jar) and the search for the module's pom.
     */
    private static List<Model> precompiledModels(ClassLoader loader) throws java.io.IOException, ReflectiveOperationException {
        java.net.URL index = loader.getResource(MODEL_INDEX);
        if (index == null) {
            throw new IllegalStateException(MODEL_INDEX + " is missing: the pack was not precompiled");
        }
        List<Model> models = new ArrayList<>();
        try (java.io.InputStream in = index.openStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String name = line.trim();
                if (!name.isEmpty() && !name.startsWith("Drools-Model-Version")) {
                    models.add((Model) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
                }
            }
        }
        if (models.isEmpty()) {
            throw new IllegalStateException(MODEL_INDEX + " lists no model");
        }
        return models;
    }

    /**
     * A KieBase holding only some of the pack's rules, built from its precompiled models: a session only pays
     * for the network memory of the rules its base holds, so sessions that can only ever fire some rules run
     * faster in a base of just those.
     *
     * <p>Its beta memories are not hash-indexed. Such a base holds few rules, and its sessions (one request's
     * routing, or one drug's findings) tens of facts at most: most joins meet one fact on their left and a
     * dozen on their right, and keeping every memory's index up to date as facts arrive costs more than
     * scanning those dozen (about a tenth of a request's CPU, docs/performance.md). Indexing changes how
     * matches are found, not which: the decisions are byte-identical either way.
     *
     * @param keep the names of the rules to keep
     * @return the smaller KieBase, or empty when the pack was compiled at run time (it has no models to build
     *         from) or the subset is the whole pack
     * @throws RulePackException when the models cannot be built into a KieBase
     */
    public Optional<KieBase> subset(Set<String> keep) {
        if (models.isEmpty() || keep.containsAll(rules.keySet())) {
            return Optional.empty();
        }
        List<Model> subset = new ArrayList<>();
        for (Model model : models) {
            List<org.drools.model.Rule> kept = model.getRules().stream().filter(r -> keep.contains(r.getName())).toList();
            if (kept.isEmpty()) {
                continue;
            }
            ModelImpl copy = new ModelImpl(model.getName())
                    .withRules(new ArrayList<>(kept))
                    .withGlobals(new ArrayList<>(model.getGlobals()))
                    .withQueries(new ArrayList<>(model.getQueries()));
            model.getTypeMetaDatas().forEach(copy::addTypeMetaData);
            subset.add(copy);
        }
        try {
            return Optional.of(KieBaseBuilder.createKieBaseFromModel(subset, IndexLeftBetaMemoryOption.NO,
                    IndexRightBetaMemoryOption.NO));
        } catch (RuntimeException e) {
            throw new RulePackException("part of rule pack " + name + " cannot be built: " + e.getMessage(), List.of(), e);
        }
    }

    private static RulePackProblem problem(Message m, Map<String, byte[]> files) {
        String path = m.getPath() == null ? "?" : m.getPath().replaceFirst("^src/main/resources/", "");
        int line = m.getLine();
        if (line <= 0) {
            Matcher matcher = ERROR_LINE.matcher(m.getText());
            if (matcher.find()) {
                line = Integer.parseInt(matcher.group(1));
            }
        }
        if (line <= 0) {
            Matcher matcher = UNKNOWN_CLASS.matcher(m.getText());
            if (matcher.find() && files.get(path) != null) {
                line = firstLineNaming(new String(files.get(path), StandardCharsets.UTF_8), matcher.group(1));
            }
        }
        return new RulePackProblem(path, Math.max(line, 0), m.getText().replaceAll("\\s+", " ").trim());
    }

    /**
     * The executable-model compiler reports an unknown class without a line; the first line that names it (its
     * import, or the pattern that uses it) is where the author has to look.
     *
     * @return the 1-based line, or 0 when no line names it
     */
    static int firstLineNaming(String drl, String className) {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(simpleName) + "(?![\\w$])");
        String[] lines = drl.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].stripLeading().startsWith("//") && word.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static Properties manifest(byte[] bytes) {
        Properties p = new Properties();
        if (bytes != null) {
            try {
                p.load(new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return p;
    }

    /** Builds the KieBase once, on the first call from any thread. */
    private static final class OnFirstUse implements Supplier<KieBase> {
        private final Supplier<KieBase> build;
        private volatile KieBase built;

        OnFirstUse(Supplier<KieBase> build) {
            this.build = build;
        }

        @Override
        public KieBase get() {
            KieBase base = built;
            if (base == null) {
                synchronized (this) {
                    base = built;
                    if (base == null) {
                        base = build.get();
                        built = base;
                    }
                }
            }
            return base;
        }
    }

    /** @return whether the KieBase of every rule is built: always, but for the built-in pack before first use */
    boolean wholeBaseBuilt() {
        return !(wholeBase instanceof OnFirstUse onFirstUse) || onFirstUse.built != null;
    }

    /** The rules as the precompiled models hold them: what {@link #readRules(KieBase)} reads once they are built. */
    static Map<String, RuleInfo> readRules(List<Model> models) {
        Map<String, RuleInfo> rules = new TreeMap<>();
        for (Model model : models) {
            for (org.drools.model.Rule rule : model.getRules()) {
                rules.put(rule.getName(), ruleInfo(rule.getName(), rule.getPackage(), rule.getMetaData()));
            }
        }
        return byName(rules);
    }

    static Map<String, RuleInfo> readRules(KieBase kieBase) {
        Map<String, RuleInfo> rules = new TreeMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                rules.put(rule.getName(), ruleInfo(rule.getName(), pkg.getName(), rule.getMetaData()));
            }
        }
        return byName(rules);
    }

    /**
     * The rules in name order, as every listing shows them, looked up by hash: deciding looks a rule up for each
     * finding, and comparing names in a sorted map walks the long prefixes rule names share ("codeine CYP2D6: ").
     */
    private static Map<String, RuleInfo> byName(Map<String, RuleInfo> sorted) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    private static RuleInfo ruleInfo(String name, String pkg, Map<String, Object> metadata) {
        Map<String, String> meta = new LinkedHashMap<>();
        metadata.forEach((k, v) -> meta.put(k, RuleInfo.clean(v)));
        return new RuleInfo(name, pkg, Collections.unmodifiableMap(meta));
    }
}
