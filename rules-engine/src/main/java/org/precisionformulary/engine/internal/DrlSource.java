// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * DRL read as its author wrote it, with Drools' own parsers: the load-time checks that must not depend on
 * how Drools compiles a rule ({@link RuleContainment}, {@link GenotypeReads}) read the same tree.
 */
final class DrlSource {

    /** The DRL operators a constraint may use besides Java's, so the expression parser knows them. */
    private static final List<String> OPERATORS = List.of("matches", "contains", "excludes", "memberOf",
            "soundslike", "str");

    private DrlSource() {
    }

    /**
     * @param drl a DRL file's bytes (UTF-8)
     * @return its package, or empty when it does not parse (the compiler refuses it with its own message)
     */
    static Optional<PackageDescr> parse(byte[] drl) {
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        try {
            PackageDescr pkg = parser.parse(null, new String(drl, StandardCharsets.UTF_8));
            return pkg == null || parser.hasErrors() ? Optional.empty() : Optional.of(pkg);
        } catch (DroolsParserException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param text one constraint, {@code eval}, {@code from} source or accumulate argument
     * @return the expression tree
     * @throws RuntimeException when the text is not a DRL expression
     */
    static DrlxExpression expression(String text) {
        return DrlxParser.parseExpression(DrlxParser.buildDrlxParserWithArguments(OPERATORS), text);
    }
}
