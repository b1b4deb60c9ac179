// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.genotype.Gene;

/** What the finding stage is planned from: the generator's metadata, held to what the DRL source reads. */
class GenotypeReadsTest {

    private static final String IMPORTS = """
            package local.reads;
            import java.util.List;
            import org.precisionformulary.model.decision.Action;
            import org.precisionformulary.model.decision.Classification;
            import org.precisionformulary.model.request.Biomarker;
            import org.precisionformulary.model.fact.CandidatePopulation;
            import org.precisionformulary.model.fact.GenomicFinding;
            import org.precisionformulary.model.genotype.Gene;
            import org.precisionformulary.model.genotype.GeneResult;
            """;

    private static Map<String, GenotypeReads> read(String rules) {
        return GenotypeReads.fromSource(Map.of("local/reads.drl", (IMPORTS + rules).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyBuiltInRuleDeclaresExactlyWhatItsSourceReads() {
        CompiledPack pack = CompiledPack.builtIn(getClass().getClassLoader());
        Map<String, GenotypeReads> fromSource = GenotypeReads.fromSource(
                PackFiles.readClasspathFolder(getClass().getClassLoader(), CompiledPack.RULES_FOLDER));

        // Every CPIC rule reads genotype facts and says so; no routing rule reads any.
        java.util.Set<String> names = new java.util.TreeSet<>(fromSource.keySet());
        names.addAll(pack.genotypeReads().keySet());
        assertThat(names.stream().filter(n -> !java.util.Objects.equals(fromSource.get(n), pack.genotypeReads().get(n)))
                .map(n -> n + ": declared " + pack.genotypeReads().get(n) + ", source " + fromSource.get(n)))
                .as("rules whose metadata disagrees with their conditions").isEmpty();
        assertThat(pack.genotypeReads()).hasSizeGreaterThan(1_900);
        assertThat(pack.genotypeReads().keySet()).allSatisfy(rule ->
                assertThat(pack.rules().get(rule).pkg()).isEqualTo("org.precisionformulary.rules.cpic"));
        assertThat(pack.genotypeReads().get("codeine / CYP2D6 activity score 0.0 -> avoid"))
                .isEqualTo(new GenotypeReads("codeine", Set.of(Gene.CYP2D6), false, false, null));
        assertThat(pack.genotypeReads().values()).allSatisfy(r -> {
            assertThat(r.drug()).isNotNull();
            assertThat(r.anyGene()).isFalse();
            assertThat(r.unstageable()).isNull();
        });
    }

    @Test
    void aGeneDrugRuleReadsItsDrugAndTheGenesItNames() {
        Map<String, GenotypeReads> reads = read("""
                rule "tramadol poor"
                when
                    CandidatePopulation( population == "general", "tramadol" == drug )
                    $r : GeneResult( gene == Gene.CYP2D6 || gene == Gene.CYP2C19, lookupKey == "0.0" )
                then
                    insert( GenomicFinding.of( "tramadol", "general", Classification.STRONG, Action.AVOID, $r ) );
                end
                rule "warfarin collected"
                when
                    CandidatePopulation( drug == "warfarin", $population : population )
                    $genes : List( size > 0 ) from collect( GeneResult( gene in ( Gene.CYP2C9, Gene.VKORC1 ), tested ) )
                then
                end
                """);

        assertThat(reads.get("tramadol poor"))
                .isEqualTo(new GenotypeReads("tramadol", Set.of(Gene.CYP2D6, Gene.CYP2C19), false, false, null));
        assertThat(reads.get("warfarin collected"))
                .isEqualTo(new GenotypeReads("warfarin", Set.of(Gene.CYP2C9, Gene.VKORC1), false, false, null));
    }

    @Test
    void whatCannotBeNarrowedIsReadAtItsWidest() {
        Map<String, GenotypeReads> reads = read("""
                rule "any drug, any gene"
                when
                    CandidatePopulation( drug != "codeine" )
                    GeneResult( tested )
                then
                end
                rule "diplotype read"
                when
                    CandidatePopulation( drug == "codeine" )
                    GeneResult( gene == Gene.CYP2D6, diplotype == "*4/*4" )
                then
                end
                """);

        assertThat(reads.get("any drug, any gene")).isEqualTo(new GenotypeReads(null, Set.of(), true, false, null));
        assertThat(reads.get("diplotype read").diplotype()).isTrue();
    }

    @Test
    void aRuleJoiningGenotypesWithOtherFactsCannotBeStaged() {
        Map<String, GenotypeReads> reads = read("""
                rule "joins a biomarker"
                when
                    CandidatePopulation( drug == "codeine" )
                    GeneResult( gene == Gene.CYP2D6 )
                    Biomarker( )
                then
                end
                rule "two populations"
                when
                    CandidatePopulation( drug == "codeine" )
                    CandidatePopulation( drug == "tramadol" )
                then
                end
                rule "no genotype fact"
                when
                    Biomarker( )
                then
                end
                """);

        assertThat(reads.get("joins a biomarker").unstageable()).isEqualTo("it reads other facts besides genotype facts");
        assertThat(reads.get("two populations").unstageable()).isEqualTo("it reads 2 candidate populations");
        assertThat(reads).doesNotContainKey("no genotype fact");
    }

    @Test
    void aDeclarationThatCannotBeReadCountsForEveryDrugAndGene() {
        Map<String, GenotypeReads> declared = GenotypeReads.declared(Map.of(
                "a", new RuleInfo("a", "p", Map.of("genes", "CYP2D6,NOT-A-GENE")),
                "b", new RuleInfo("b", "p", Map.of("drug", "codeine", "genes", "HLA-B")),
                "c", new RuleInfo("c", "p", Map.of("drug", "codeine"))));

        assertThat(declared.get("a")).isEqualTo(new GenotypeReads(null, Set.of(Gene.CYP2D6), true, false, null));
        assertThat(declared.get("b")).isEqualTo(new GenotypeReads("codeine", Set.of(Gene.HLA_B), false, false, null));
        assertThat(declared).doesNotContainKey("c");
    }
}
