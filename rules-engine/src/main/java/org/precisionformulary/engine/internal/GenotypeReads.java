// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.precisionformulary.model.fact.CandidatePopulation;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;

/**
 * What one rule's conditions read of a member's genotype facts ({@link CandidatePopulation} and
 * {@link GeneResult}): the input {@link FindingStage} plans its cache key from.
 *
 * <p>The built-in pack's gene–drug rules say it in their metadata, which the generator writes: {@code
 * @drug("codeine")} and {@code @genes("CYP2D6")} ({@code *} for any). A pack compiled or layered at run time
 * is read from its DRL source with Drools' DRL parser, the same reading the containment check makes; a test
 * holds the built-in pack's metadata to what its source says. Neither depends on how Drools compiles a
 * condition, so a Drools upgrade cannot change the plan silently.
 *
 * @param drug         the drug its candidate population names ({@code drug == "x"}), or {@code null} when it
 *                     may be any drug
 * @param genes        the genes its gene results name
 * @param anyGene      whether it may read a result of any gene (a pattern that names none)
 * @param diplotype    whether it reads a gene result's diplotype, which then has to be part of the key
 * @param unstageable  why its findings could depend on more than (drug, population, gene results), or
 *                     {@code null}: it reads another fact too, or not exactly one candidate population
 */
public record GenotypeReads(String drug, Set<Gene> genes, boolean anyGene, boolean diplotype, String unstageable) {

    /** The metadata key naming the drug a gene–drug rule reads. */
    static final String DRUG = "drug";

    /** The metadata key naming the genes a gene–drug rule reads, comma-separated HGNC symbols or {@code *}. */
    static final String GENES = "genes";

    public GenotypeReads {
        genes = Set.copyOf(genes);
    }

    /**
     * The reads the rules declare in their metadata: a rule with {@code @genes} is a gene–drug rule; a rule
     * without it reads no genotype fact. A declaration that cannot be read is taken at its widest (any drug,
     * any gene), which only makes the cache key larger.
     *
     * @param rules the pack's rules
     * @return rule name to its reads, for the rules that declare some
     */
    static Map<String, GenotypeReads> declared(Map<String, RuleInfo> rules) {
        Map<String, GenotypeReads> reads = new TreeMap<>();
        for (RuleInfo rule : rules.values()) {
            String genes = rule.get(GENES);
            if (genes == null) {
                continue;
            }
            String drug = rule.get(DRUG);
            Set<Gene> named = EnumSet.noneOf(Gene.class);
            boolean any = false;
            for (String symbol : RuleInfo.list(genes)) {
                Optional<Gene> gene = Gene.find(symbol);
                gene.ifPresent(named::add);
                any |= gene.isEmpty();
            }
            reads.put(rule.name(), new GenotypeReads(drug == null || drug.isBlank() || drug.equals("*") ? null : drug,
                    named, any || named.isEmpty(), false, null));
        }
        return reads;
    }

    /**
     * The reads of every rule in some DRL files, from their source.
     *
     * @param files path to content; {@code .drl} files are read, a file that does not parse is skipped (the
     *              compiler refuses it with its own message)
     * @return rule name to its reads, for the rules that read a genotype fact
     */
    static Map<String, GenotypeReads> fromSource(Map<String, byte[]> files) {
        Map<String, GenotypeReads> reads = new TreeMap<>();
        for (var e : files.entrySet()) {
            if (!e.getKey().endsWith(".drl")) {
                continue;
            }
            Optional<PackageDescr> pkg = DrlSource.parse(e.getValue());
            for (RuleDescr rule : pkg.map(PackageDescr::getRules).orElse(List.of())) {
                Walk walk = new Walk();
                walk.conditions(rule.getLhs());
                walk.result().ifPresent(r -> reads.put(rule.getName(), r));
            }
        }
        return reads;
    }

    /** Counts and collects what one rule's condition elements read. */
    private static final class Walk {
        private int candidatePopulations;
        private int geneResults;
        private int others;
        private String drug;
        private final Set<Gene> genes = EnumSet.noneOf(Gene.class);
        private boolean anyGene;
        private boolean diplotype;

        Optional<GenotypeReads> result() {
            if (candidatePopulations == 0 && geneResults == 0) {
                return Optional.empty();
            }
            String unstageable = others > 0 ? "it reads other facts besides genotype facts"
                    : candidatePopulations != 1 ? "it reads " + candidatePopulations + " candidate populations" : null;
            return Optional.of(new GenotypeReads(drug, genes, anyGene, diplotype, unstageable));
        }

        void conditions(BaseDescr d) {
            if (d instanceof PatternDescr p) {
                pattern(p);
            } else if (d instanceof ConditionalElementDescr ce) {
                for (Object child : ce.getDescrs()) {
                    conditions((BaseDescr) child);
                }
            } else if (d instanceof ConditionalBranchDescr branch) {
                conditions(branch.getCondition());
                if (branch.getElseBranch() != null) {
                    conditions(branch.getElseBranch());
                }
            }
            // eval and named consequences read no fact of their own
        }

        private void pattern(PatternDescr p) {
            // A pattern over collect or accumulate reads what its input reads, not its own result type; one over
            // `from` an expression reads a value already bound, no new fact.
            BaseDescr source = p.getSource();
            if (source instanceof CollectDescr collect) {
                conditions(collect.getInputPattern());
                return;
            }
            if (source instanceof AccumulateDescr acc) {
                if (acc.getInput() != null) {
                    conditions(acc.getInput());
                }
                return;
            }
            if (source instanceof org.drools.drl.ast.descr.FromDescr) {
                return;
            }
            List<String> constraints = p.getDescrs().stream().map(c -> c instanceof ExprConstraintDescr e
                    ? e.getExpression() : c instanceof BindingDescr b ? b.getExpression() : String.valueOf(c.getText()))
                    .toList();
            if (isType(p.getObjectType(), CandidatePopulation.class)) {
                candidatePopulations++;
                constraints.forEach(c -> parse(c).flatMap(Walk::drugLiteral).ifPresent(d -> drug = d));
            } else if (isType(p.getObjectType(), GeneResult.class)) {
                geneResults++;
                boolean named = false;
                for (String c : constraints) {
                    Optional<Node> expr = parse(c);
                    if (expr.isEmpty()) {
                        // Unreadable: assume the worst, that it may read any gene and the diplotype.
                        anyGene = true;
                        diplotype = true;
                        continue;
                    }
                    List<Node> nodes = descendants(expr.get());
                    for (FieldAccessExpr f : ofType(nodes, FieldAccessExpr.class)) {
                        if (f.getScope() instanceof NameExpr n && n.getNameAsString().equals("Gene")) {
                            Optional<Gene> gene = constant(f.getNameAsString());
                            gene.ifPresent(genes::add);
                            named |= gene.isPresent();
                            anyGene |= gene.isEmpty();
                        }
                    }
                    // Gene.values() and the like: any gene
                    anyGene |= ofType(nodes, MethodCallExpr.class).stream().anyMatch(m -> m.getScope()
                            .filter(s -> s instanceof NameExpr n && n.getNameAsString().equals("Gene")).isPresent());
                    diplotype |= ofType(nodes, SimpleName.class).stream()
                            .anyMatch(n -> n.asString().equals("diplotype") || n.asString().equals("getDiplotype"));
                }
                anyGene |= !named;
            } else {
                others++;
            }
        }

        private static Optional<Gene> constant(String name) {
            try {
                return Optional.of(Gene.valueOf(name));
            } catch (IllegalArgumentException notAGene) {
                return Optional.empty();
            }
        }

        /**
         * Every node of an expression. DRL's own operators ({@code in}, {@code matches}…) do not list their
         * operands as child nodes, so JavaParser's {@code findAll} would miss {@code Gene.X} in
         * {@code gene in ( Gene.X, Gene.Y )}.
         */
        private static List<Node> descendants(Node root) {
            List<Node> all = new java.util.ArrayList<>();
            java.util.ArrayDeque<Node> open = new java.util.ArrayDeque<>(List.of(root));
            while (!open.isEmpty()) {
                Node n = open.pop();
                all.add(n);
                open.addAll(n.getChildNodes());
                if (n instanceof PointFreeExpr p) {
                    open.add(p.getLeft());
                    open.addAll(p.getRight());
                } else if (n instanceof HalfPointFreeExpr h) {
                    open.addAll(h.getRight());
                }
            }
            return all;
        }

        private static <T> List<T> ofType(List<Node> nodes, Class<T> type) {
            return nodes.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** {@code drug == "x"} (either way round), or empty. */
        private static Optional<String> drugLiteral(Node expr) {
            for (BinaryExpr b : ofType(descendants(expr), BinaryExpr.class)) {
                if (b.getOperator() != BinaryExpr.Operator.EQUALS) {
                    continue;
                }
                if (isDrug(b.getLeft()) && b.getRight() instanceof StringLiteralExpr s) {
                    return Optional.of(s.asString());
                }
                if (isDrug(b.getRight()) && b.getLeft() instanceof StringLiteralExpr s) {
                    return Optional.of(s.asString());
                }
            }
            return Optional.empty();
        }

        private static boolean isDrug(Node n) {
            return n instanceof NameExpr name && name.getNameAsString().equals("drug");
        }

        private static Optional<Node> parse(String text) {
            try {
                return Optional.of(DrlSource.expression(text).getExpr());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        /** Whether a pattern's type, as written (simple or qualified name), is the given fact class. */
        private static boolean isType(String written, Class<?> type) {
            return written != null && (written.equals(type.getName()) || written.equals(type.getSimpleName()));
        }
    }
}
