// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.precisionformulary.engine.internal.CompiledPack;
import org.precisionformulary.engine.internal.PackFiles;
import org.precisionformulary.engine.internal.PlanTables;
import org.precisionformulary.engine.internal.RuleAllowlist;

/**
 * A compiled, validated rule pack: the built-in CPIC and routing pack, or a directory of DRL files.
 * Immutable and safe to share; building one is the expensive step, evaluating with it is cheap.
 */
public final class RulePack {

    private static volatile RulePack builtIn;

    private final CompiledPack compiled;

    private RulePack(CompiledPack compiled) {
        this.compiled = compiled;
    }

    /**
     * The pack shipped in {@code rules-content}, precompiled to the executable model at build time.
     * Loaded once per class loader and shared.
     *
     * @return the built-in pack
     * @throws RulePackException when the pack is missing from the classpath
     */
    public static RulePack builtIn() {
        RulePack pack = builtIn;
        if (pack == null) {
            synchronized (RulePack.class) {
                pack = builtIn;
                if (pack == null) {
                    pack = new RulePack(CompiledPack.builtIn(RulePack.class.getClassLoader()));
                    builtIn = pack;
                }
            }
        }
        return pack;
    }

    /**
     * Builds the built-in pack anew, a KieBase of its own, without the instance {@link #builtIn()} shares: for a
     * host that must own the pack it runs (to let it go with its class loader, say), and to measure the build.
     *
     * @return a new instance of the built-in pack
     * @throws RulePackException when the pack is missing from the classpath
     */
    public static RulePack loadBuiltIn() {
        return new RulePack(CompiledPack.builtIn(RulePack.class.getClassLoader()));
    }

    /**
     * Compiles every {@code .drl} file under a directory (DRL package = folder, e.g.
     * {@code local/my-rule.drl} with {@code package local;}); an optional {@code pack.properties} gives
     * {@code name}, {@code version} and {@code cpicDataVersion}. With {@code extends=builtin} in it, the
     * pack is laid over the built-in pack: its rules are added, and a rule named like a built-in rule
     * replaces it (every decision's audit lists the replaced rules).
     *
     * <p>Before it is compiled the pack is checked as {@link #validate} checks it, and refused on any problem:
     * its rules may use only the fact model and the value types of the rule allowlist
     * ({@code docs/authoring.md}), never the JVM, files, the network, threads, reflection or the clock.
     *
     * @param directory the pack's root directory
     * @return the compiled pack
     * @throws RulePackException with every problem (file and line) when the pack fails the checks or does not
     *                           compile
     */
    public static RulePack fromDirectory(Path directory) {
        return fromDirectory(directory, List.of());
    }

    /**
     * {@link #fromDirectory(Path)}, with the host's own helper classes allowed in the pack's rules. Only the
     * code that loads a pack can widen what its rules may use; a pack's files never can. Every decision's
     * audit lists the classes allowed ({@code audit.allowedInRules}).
     *
     * @param directory      the pack's root directory
     * @param allowedInRules public classes of the host whose public members the rules may use
     * @return the compiled pack
     * @throws RulePackException        with every problem when the pack fails the checks or does not compile
     * @throws IllegalArgumentException when a class may not be allowed in rules (not public, or one that
     *                                  reaches the JVM, threads, reflection, files or the network)
     */
    public static RulePack fromDirectory(Path directory, java.util.Collection<Class<?>> allowedInRules) {
        RuleAllowlist allowlist = RuleAllowlist.DEFAULT.widenedBy(allowedInRules);
        if (!Files.isDirectory(directory)) {
            throw new RulePackException(directory + " is not a directory", List.of());
        }
        return of(PackFiles.readDirectory(directory), directory.toString(), allowlist);
    }

    /**
     * A pack packaged as a jar or zip: the same layout as a pack directory, at the archive's root.
     *
     * @param jar the archive
     * @return the compiled pack
     * @throws RulePackException with every problem when the pack fails the checks or does not compile
     * @throws java.io.UncheckedIOException when the archive cannot be read
     */
    public static RulePack fromJar(Path jar) {
        return fromJar(jar, List.of());
    }

    /**
     * {@link #fromJar(Path)}, with the host's own helper classes allowed in the pack's rules (see
     * {@link #fromDirectory(Path, java.util.Collection)}).
     *
     * @param jar            the archive
     * @param allowedInRules public classes of the host whose public members the rules may use
     * @return the compiled pack
     * @throws RulePackException            with every problem when the pack fails the checks or does not compile
     * @throws IllegalArgumentException     when a class may not be allowed in rules
     * @throws java.io.UncheckedIOException when the archive cannot be read
     */
    public static RulePack fromJar(Path jar, java.util.Collection<Class<?>> allowedInRules) {
        RuleAllowlist allowlist = RuleAllowlist.DEFAULT.widenedBy(allowedInRules);
        if (!Files.isRegularFile(jar)) {
            throw new RulePackException(jar + " is not a file", List.of());
        }
        return of(PackFiles.readJar(jar), jar.toString(), allowlist);
    }

    private static RulePack of(java.util.TreeMap<String, byte[]> files, String origin, RuleAllowlist allowlist) {
        checkCpicDataVersion(files, origin);
        if (extendsBuiltIn(files)) {
            return new RulePack(CompiledPack.layered(RulePack.class.getClassLoader(), files, origin, allowlist));
        }
        return new RulePack(CompiledPack.compile(files, origin, allowlist));
    }

    /**
     * Checks a pack directory the way {@code validate} does, and exactly as loading it checks it: the
     * containment check (the rule allowlist), the compliance and authoring lint (GINA, clock,
     * {@code monitoringGroup}, rule metadata, unique names, explained ordering), then the compiler. Never
     * throws for a bad pack; every problem is returned. A pack this finds no problem in loads; a pack it finds
     * a problem in is refused at load.
     *
     * @param directory the pack's root directory
     * @return every problem with file and line; empty when the pack is fit to load
     * @throws java.io.UncheckedIOException when the directory cannot be read
     */
    public static java.util.List<RulePackProblem> validate(Path directory) {
        return validate(directory, List.of());
    }

    /**
     * {@link #validate(Path)} with the host's helper classes allowed, as the host will load the pack.
     *
     * @param directory      the pack's root directory
     * @param allowedInRules public classes of the host whose public members the rules may use
     * @return every problem with file and line; empty when the pack is fit to load
     * @throws IllegalArgumentException     when a class may not be allowed in rules
     * @throws java.io.UncheckedIOException when the directory cannot be read
     */
    public static java.util.List<RulePackProblem> validate(Path directory, java.util.Collection<Class<?>> allowedInRules) {
        RuleAllowlist allowlist = RuleAllowlist.DEFAULT.widenedBy(allowedInRules);
        java.util.List<RulePackProblem> problems = new java.util.ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(new RulePackProblem(directory.toString(), 0, "not a directory"));
            return problems;
        }
        var files = PackFiles.readDirectory(directory);
        try {
            checkCpicDataVersion(files, directory.toString());
        } catch (RulePackException e) {
            problems.addAll(e.problems());
        }
        boolean noRules = files.keySet().stream().noneMatch(f -> f.endsWith(".drl"));
        // A plan pack over the built-in one may bring only its P&T decisions or population selectors.
        boolean planData = extendsBuiltIn(files) && (files.containsKey(PlanTables.PT_DECISIONS)
                || files.containsKey(org.precisionformulary.content.population.PopulationSelector.TABLE));
        if (noRules && !planData) {
            problems.add(new RulePackProblem(directory.toString(), 0, "holds no .drl file: a pack without rules"
                    + " decides nothing"));
            return problems;
        }
        problems.addAll(CompiledPack.check(files, allowlist));
        if (noRules) {
            return problems.stream().distinct().toList();
        }
        // Drools reports nothing else once a file fails to parse: set such files aside and compile the rest
        // again, so one pass shows every file's problems.
        var remaining = new java.util.TreeMap<>(files);
        while (remaining.keySet().stream().anyMatch(f -> f.endsWith(".drl"))) {
            try {
                CompiledPack compiled = CompiledPack.compile(remaining, directory.toString(), null);
                if (compiled.rules().isEmpty() && problems.isEmpty()) {
                    // DRL files holding only a package or imports compile, and decide nothing.
                    problems.add(new RulePackProblem(directory.toString(), 0, "declares no rule: a pack without"
                            + " rules decides nothing"));
                }
                break;
            } catch (RulePackException e) {
                if (e.problems().isEmpty()) {
                    problems.add(new RulePackProblem(directory.toString(), 0, e.getMessage()));
                    break;
                }
                problems.addAll(e.problems());
                java.util.Set<String> unparsed = new java.util.HashSet<>();
                for (RulePackProblem p : e.problems()) {
                    if (p.message().contains("Parser returned a null Package") || p.message().startsWith("[ERR ")) {
                        unparsed.add(p.file());
                    }
                }
                if (!remaining.keySet().removeAll(unparsed)) {
                    break;
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    /**
     * A pack's rules are made for one version of CPIC's tables, and the engine decides with the tables it
     * ships: a manifest that names other tables is refused, so no decision cites one version while deciding on
     * another.
     */
    private static void checkCpicDataVersion(java.util.Map<String, byte[]> files, String origin) {
        byte[] manifest = files.get("pack.properties");
        if (manifest == null) {
            return;
        }
        String text = new String(manifest, java.nio.charset.StandardCharsets.UTF_8);
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String named = p.getProperty("cpicDataVersion");
        String loaded = org.precisionformulary.content.cpic.CpicData.VERSION;
        if (named != null && !named.isBlank() && !named.trim().equals(loaded)) {
            int line = 1 + (int) text.substring(0, Math.max(text.indexOf("cpicDataVersion"), 0)).chars()
                    .filter(c -> c == '\n').count();
            throw new RulePackException(origin + " is refused: it was made for other CPIC tables", List.of(
                    new RulePackProblem("pack.properties", line, "cpicDataVersion " + named.trim()
                            + " names CPIC tables this engine does not hold; it decides with the " + loaded
                            + " tables (regenerate the pack from them, or leave cpicDataVersion out)")));
        }
    }

    private static boolean extendsBuiltIn(java.util.Map<String, byte[]> files) {
        byte[] manifest = files.get("pack.properties");
        if (manifest == null) {
            return false;
        }
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(new String(manifest, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "builtin".equalsIgnoreCase(p.getProperty("extends", "").trim());
    }

    /** @return the DRL files and data tables the pack holds, the ones its SHA-256 covers, sorted by path */
    public java.util.List<String> files() {
        return compiled.files();
    }

    /** @return the built-in rules a local pack replaced by name; empty unless the pack extends the built-in one */
    public java.util.List<String> overriddenRules() {
        return compiled.overriddenRules();
    }

    CompiledPack compiled() {
        return compiled;
    }

    /** @return the pack's name */
    public String name() {
        return compiled.name();
    }

    /** @return the pack's version */
    public String version() {
        return compiled.version();
    }

    /** @return SHA-256 over the pack's files, as every decision's audit names it */
    public String sha256() {
        return compiled.sha256();
    }

    /** @return the CPIC data version the pack was made from */
    public String cpicDataVersion() {
        return compiled.cpicDataVersion();
    }

    /**
     * @return the host's helper classes this pack's rules were allowed to use, by name, sorted; empty when
     *         the pack was held to the default rule allowlist
     */
    public List<String> allowedInRules() {
        return compiled.allowedInRules();
    }

    /** @return the names of every rule in the pack */
    public Set<String> ruleNames() {
        return compiled.rules().keySet();
    }
}
