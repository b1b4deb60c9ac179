// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParseStart;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Providers;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.mvel.parser.MvelParser;
import org.drools.mvel.parser.ast.expr.BigDecimalLiteralExpr;
import org.drools.mvel.parser.ast.expr.BigIntegerLiteralExpr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.ModifyStatement;
import org.drools.mvel.parser.ast.expr.NullSafeFieldAccessExpr;
import org.drools.mvel.parser.ast.expr.NullSafeMethodCallExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.drools.mvel.parser.printer.PrintUtil;
import org.precisionformulary.engine.RulePackProblem;

/**
 * Proves at load that a pack's code stays inside the fact model: every import, global, function, rule
 * condition ({@code eval}, {@code from}, accumulate functions) and consequence is read with Drools' own DRL
 * parser and, for the Java in it, with JavaParser, and each name, call and construct is checked against
 * the {@link RuleAllowlist}. What is not on the list is refused, with the file, the line and the construct.
 *
 * <p>The check works out the static type of every expression from the pattern types, the bindings and the
 * return types of the allowed methods, so a call is judged by the class it is made on, whatever its
 * spelling. Loops, recursion, {@code try}, {@code synchronized}, lambdas and anonymous classes are refused
 * outright: a rule whose cost cannot be bounded or whose failure could be hidden is not a rule a claims
 * system can run.
 */
public final class RuleContainment {

    /** The accumulate functions Drools ships that only compute over the matched values. */
    private static final Map<String, Class<?>> ACCUMULATE_FUNCTIONS = Map.of(
            "count", Long.class, "sum", Number.class, "min", Comparable.class, "max", Comparable.class,
            "average", Number.class, "collectList", List.class, "collectSet", Set.class, "countDistinct", Long.class);

    /** Rule attributes that only order or group rules; the others read the system clock or a calendar. */
    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active",
            "agenda-group", "activation-group", "ruleflow-group", "auto-focus", "enabled", "dialect");

    private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
            "double", double.class, "float", float.class, "boolean", boolean.class, "char", char.class,
            "byte", byte.class, "short", short.class, "void", void.class);

    private RuleContainment() {
    }

    /**
     * @param files     path to content; {@code .drl} files are checked. A file that does not parse is left to
     *                  the compiler, which refuses it with its own message.
     * @param allowlist what rules may use
     * @return every construct outside the allowlist, with file and line
     */
    public static List<RulePackProblem> check(Map<String, byte[]> files, RuleAllowlist allowlist) {
        List<RulePackProblem> problems = new ArrayList<>();
        for (var e : files.entrySet()) {
            if (!e.getKey().endsWith(".drl")) {
                continue;
            }
            Optional<PackageDescr> parsed = DrlSource.parse(e.getValue());
            if (parsed.isEmpty()) {
                continue;
            }
            PackageDescr pkg = parsed.get();
            try {
                problems.addAll(new FileCheck(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8), pkg, allowlist).run());
            } catch (RuntimeException | LinkageError ex) {
                // A file the check cannot finish is a file it cannot vouch for.
                problems.add(new RulePackProblem(e.getKey(), 0, "the containment check could not read this file ("
                        + ex.getClass().getSimpleName() + "), so it is refused"));
            }
        }
        return problems;
    }

    /** The type an expression is known to have, or what a name stands for. */
    private sealed interface Ty permits Val, ClassRef, PackageRef, Unknown {
    }

    /** A value of a type; {@code null} for the {@code null} literal, which fits any type. */
    private record Val(Class<?> type) implements Ty {
    }

    /** A class named for its static members. */
    private record ClassRef(Class<?> type) implements Ty {
    }

    /** The start of a qualified name. */
    private record PackageRef(String name) implements Ty {
    }

    /** Already reported, or not worth a second message. */
    private record Unknown() implements Ty {
    }

    private static final Ty UNKNOWN = new Unknown();
    private static final Ty NULL = new Val(null);

    /** Where an expression sits: the names in scope, the pattern it constrains, and what to call it. */
    private static final class Scope {
        final Map<String, Class<?>> names;
        final Class<?> pattern;
        final boolean consequence;
        final String owner;
        final int line;
        final String text;

        Scope(Map<String, Class<?>> names, Class<?> pattern, boolean consequence, String owner, int line, String text) {
            this.names = names;
            this.pattern = pattern;
            this.consequence = consequence;
            this.owner = owner;
            this.line = line;
            this.text = text;
        }

        Scope at(int newLine, String newText) {
            return new Scope(names, pattern, consequence, owner, newLine, newText);
        }

        Scope onPattern(Class<?> type, int newLine, String newText) {
            return new Scope(names, type, false, owner, newLine, newText);
        }
    }

    private static final class FileCheck {
        private final String file;
        private final String source;
        private final PackageDescr pkg;
        private final RuleAllowlist allowlist;
        private final List<RulePackProblem> problems = new ArrayList<>();
        private final Map<String, Class<?>> imports = new HashMap<>();
        private final List<String> wildcards = new ArrayList<>();
        private final Map<String, Class<?>> globals = new HashMap<>();
        private final Map<String, FunctionDescr> functions = new LinkedHashMap<>();
        private final Map<String, Optional<Class<?>>> resolved = new HashMap<>();
        private final List<ClassLoader> loaders = new ArrayList<>();
        private final JavaParser javaParser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

        FileCheck(String file, String source, PackageDescr pkg, RuleAllowlist allowlist) {
            this.file = file;
            this.source = source;
            this.pkg = pkg;
            this.allowlist = allowlist;
            loaders.add(RuleContainment.class.getClassLoader());
            loaders.addAll(allowlist.hostLoaders());
        }

        List<RulePackProblem> run() {
            for (ImportDescr i : pkg.getImports()) {
                checkImport(i);
            }
            pkg.getFunctionImports().forEach(i -> refuse(i.getLine(), "import function " + i.getTarget()
                    + " is refused: a pack's functions are written in its own files, where they are checked"));
            pkg.getAccumulateImports().forEach(i -> refuse(i.getLine(), "import accumulate " + i.getTarget()
                    + " is refused: use the accumulate functions Drools ships (" + String.join(", ",
                    new java.util.TreeSet<>(ACCUMULATE_FUNCTIONS.keySet())) + ")"));
            pkg.getClassAndEnumDeclarationDescrs().forEach(d -> refuse(d.getLine(), "declare " + d.getTypeName()
                    + " is refused: a pack's facts are the fact model's types (org.precisionformulary.model)"));
            for (GlobalDescr g : pkg.getGlobals()) {
                Optional<Class<?>> type = typeNamed(g.getType());
                if (type.isPresent() && !allowlist.allowsType(type.get())) {
                    refuse(g.getLine(), "global " + g.getIdentifier() + " of type " + g.getType() + " is refused: "
                            + RuleAllowlist.refusalReason(type.get().getName()));
                }
                globals.put(g.getIdentifier(), type.orElse(null));
            }
            pkg.getFunctions().forEach(f -> functions.put(f.getName(), f));
            functions.values().forEach(this::checkFunction);
            checkRecursion();
            for (RuleDescr rule : pkg.getRules()) {
                checkRule(rule);
            }
            return problems;
        }

        private void refuse(int line, String message) {
            problems.add(new RulePackProblem(file, Math.max(line, 0), message));
        }

        private void refuse(Scope s, String message) {
            refuse(s.line, s.owner + ": " + message + " (in '" + shorten(s.text) + "')");
        }

        private static String shorten(String text) {
            String flat = text.replaceAll("\\s+", " ").trim();
            return flat.length() <= 90 ? flat : flat.substring(0, 87) + "...";
        }

        private void checkImport(ImportDescr i) {
            String target = i.getTarget().trim();
            if (target.endsWith(".*")) {
                wildcards.add(target.substring(0, target.length() - 2));
                return;
            }
            Optional<Class<?>> type = qualified(target);
            if (type.isEmpty()) {
                return; // the compiler reports a class it cannot find
            }
            imports.put(target.substring(target.lastIndexOf('.') + 1), type.get());
            if (!allowlist.allowsType(type.get())) {
                refuse(i.getLine(), "import " + target + " is refused: " + RuleAllowlist.refusalReason(target));
            }
        }

        // ---- functions ----------------------------------------------------------------------------------

        private void checkFunction(FunctionDescr f) {
            String owner = "function " + f.getName();
            Map<String, Class<?>> names = new HashMap<>();
            List<String> types = new ArrayList<>(f.getParameterTypes());
            types.add(f.getReturnType() == null ? "void" : f.getReturnType());
            for (String t : types) {
                Optional<Class<?>> type = typeNamed(t);
                if (type.isPresent() && !allowlist.allowsType(type.get())) {
                    refuse(f.getLine(), owner + ": type " + t + " is refused: " + RuleAllowlist.refusalReason(type.get().getName()));
                }
            }
            for (int i = 0; i < f.getParameterNames().size(); i++) {
                names.put(f.getParameterNames().get(i), typeNamed(f.getParameterTypes().get(i)).orElse(null));
            }
            checkBlock(f.getBody(), f.getLine(), new Scope(names, null, false, owner, f.getLine(), f.getBody()));
        }

        /** Refuses functions that call themselves, directly or through others: recursion has no bound. */
        private void checkRecursion() {
            Map<String, Set<String>> calls = new HashMap<>();
            for (FunctionDescr f : functions.values()) {
                Set<String> called = new LinkedHashSet<>();
                parseBlock(f.getBody()).ifPresent(b -> b.findAll(MethodCallExpr.class).forEach(c -> {
                    if (c.getScope().isEmpty() && functions.containsKey(c.getNameAsString())) {
                        called.add(c.getNameAsString());
                    }
                }));
                calls.put(f.getName(), called);
            }
            for (FunctionDescr f : functions.values()) {
                List<String> path = cycleFrom(f.getName(), f.getName(), calls, new LinkedHashSet<>());
                if (path != null) {
                    refuse(f.getLine(), "function " + f.getName() + " is refused: it calls itself ("
                            + f.getName() + " -> " + String.join(" -> ", path) + "); recursion has no bound");
                }
            }
        }

        private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> calls, Set<String> seen) {
            for (String next : calls.getOrDefault(at, Set.of())) {
                if (next.equals(start)) {
                    return List.of(next);
                }
                if (seen.add(next)) {
                    List<String> rest = cycleFrom(start, next, calls, seen);
                    if (rest != null) {
                        List<String> path = new ArrayList<>();
                        path.add(next);
                        path.addAll(rest);
                        return path;
                    }
                }
            }
            return null;
        }

        // ---- rules --------------------------------------------------------------------------------------

        private void checkRule(RuleDescr rule) {
            String owner = (rule.isQuery() ? "query \"" : "rule \"") + rule.getName() + "\"";
            for (AttributeDescr a : rule.getAttributes().values()) {
                checkAttribute(owner, a);
            }
            Map<String, Class<?>> names = new HashMap<>();
            Scope scope = new Scope(names, null, false, owner, rule.getLine(), rule.getName());
            checkConditions(rule.getLhs(), scope);
            if (rule.getConsequence() instanceof String consequence) {
                checkBlock(consequence, rule.getConsequenceLine(),
                        new Scope(names, null, true, owner, rule.getConsequenceLine(), consequence));
            }
            for (var named : rule.getNamedConsequences().entrySet()) {
                if (named.getValue() instanceof String consequence) {
                    checkBlock(consequence, rule.getConsequenceLine(),
                            new Scope(names, null, true, owner + " then[" + named.getKey() + "]",
                                    rule.getConsequenceLine(), consequence));
                }
            }
        }

        private void checkAttribute(String owner, AttributeDescr a) {
            String name = a.getName();
            String value = a.getValue() == null ? "" : a.getValue().trim();
            if (!ALLOWED_ATTRIBUTES.contains(name)) {
                refuse(a.getLine(), owner + ": attribute " + name + " is refused: "
                        + (Set.of("timer", "calendars", "duration", "date-effective", "date-expires").contains(name)
                        ? "it reads the system clock or a calendar; rules read the service date"
                        : "it is not on the rule allowlist"));
            } else if (name.equals("salience") && !value.matches("-?\\d+")) {
                refuse(a.getLine(), owner + ": salience " + value + " is refused: only a whole number, not an expression");
            } else if (name.equals("enabled") && !value.matches("true|false")) {
                refuse(a.getLine(), owner + ": enabled " + value + " is refused: only true or false, not an expression");
            } else if (name.equals("dialect") && !value.replace("\"", "").equals("java")) {
                refuse(a.getLine(), owner + ": dialect " + value + " is refused: rules are written in the java dialect");
            }
        }

        private void checkConditions(BaseDescr d, Scope s) {
            int line = d.getLine() > 0 ? d.getLine() : s.line;
            if (d instanceof PatternDescr p) {
                checkPattern(p, s.at(line, s.text));
            } else if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr
                    || d instanceof ForallDescr) {
                for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                    checkConditions((BaseDescr) child, s.at(line, s.text));
                }
            } else if (d instanceof EvalDescr eval) {
                String text = String.valueOf(eval.getContent());
                expression(text, s.at(line, "eval( " + text + " )"));
            } else if (d instanceof ConditionalBranchDescr branch) {
                checkConditions(branch.getCondition(), s.at(line, s.text));
                if (branch.getElseBranch() != null) {
                    checkConditions(branch.getElseBranch(), s.at(line, s.text));
                }
            } else if (!(d instanceof NamedConsequenceDescr)) {
                refuse(s.at(line, d.getText() == null ? d.getClass().getSimpleName() : d.getText()),
                        "the condition element " + d.getClass().getSimpleName().replace("Descr", "")
                                + " is not on the rule allowlist");
            }
        }

        private void checkPattern(PatternDescr p, Scope s) {
            Optional<Class<?>> type = typeNamed(p.getObjectType());
            Class<?> patternType = type.orElse(null);
            if (type.isPresent() && !allowlist.allowsType(type.get())) {
                refuse(s.at(s.line, p.getObjectType() + "( ... )"), "a pattern on " + type.get().getName()
                        + " is refused: " + RuleAllowlist.refusalReason(type.get().getName()));
                patternType = null;
            }
            BaseDescr source = p.getSource();
            if (source instanceof FromDescr from) {
                String text = from.getDataSource().toString();
                expression(text, s.at(s.line, "from " + text));
            } else if (source instanceof CollectDescr collect) {
                checkConditions(collect.getInputPattern(), s);
            } else if (source instanceof AccumulateDescr acc) {
                checkAccumulate(acc, s);
            } else if (source != null && !(source instanceof EntryPointDescr)) {
                refuse(s.at(s.line, String.valueOf(source.getText())), "the pattern source "
                        + source.getClass().getSimpleName().replace("Descr", "") + " is not on the rule allowlist");
            }
            if (p.getIdentifier() != null && patternType != null) {
                s.names.put(p.getIdentifier(), patternType);
            }
            for (BaseDescr c : p.getDescrs()) {
                int line = c.getLine() > 0 ? c.getLine() : s.line;
                if (c instanceof ExprConstraintDescr e) {
                    constraint(e.getExpression(), s.onPattern(patternType, line, e.getExpression()));
                } else if (c instanceof BindingDescr b) {
                    Ty t = expression(b.getExpression(), s.onPattern(patternType, line, b.toString()));
                    s.names.put(b.getVariable(), t instanceof Val v ? v.type() : null);
                } else {
                    refuse(s.at(line, String.valueOf(c.getText())), "this constraint is not on the rule allowlist");
                }
            }
        }

        private void checkAccumulate(AccumulateDescr acc, Scope s) {
            if (acc.getInitCode() != null || acc.getActionCode() != null || acc.getResultCode() != null) {
                refuse(s.at(s.line, "accumulate( ... init / action / result ... )"), "inline accumulate code is"
                        + " refused: use the accumulate functions Drools ships ("
                        + String.join(", ", new java.util.TreeSet<>(ACCUMULATE_FUNCTIONS.keySet())) + ")");
            }
            if (acc.getInput() != null) {
                checkConditions(acc.getInput(), s);
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
                Class<?> result = ACCUMULATE_FUNCTIONS.get(f.getFunction());
                if (result == null) {
                    refuse(s.at(s.line, f.getFunction() + "(...)"), "the accumulate function " + f.getFunction()
                            + " is not on the rule allowlist");
                }
                for (String param : f.getParams()) {
                    expression(param, s.at(s.line, f.getFunction() + "( " + param + " )"));
                }
                if (f.getBind() != null) {
                    s.names.put(f.getBind(), result);
                }
            }
        }

        // ---- expressions in conditions ------------------------------------------------------------------

        /** A constraint of a pattern: DRL syntax (bindings, {@code in}, {@code matches}, half constraints). */
        private void constraint(String text, Scope s) {
            DrlxExpression drlx = parseDrlx(text, s);
            if (drlx == null) {
                return;
            }
            Ty t = type(drlx.getExpr(), s);
            if (drlx.getBind() != null) {
                Expression bound = drlx.getExpr();
                // "$x : field > 3" binds the field, not the comparison.
                if (bound instanceof BinaryExpr b) {
                    bound = b.getLeft();
                    t = type(bound, s);
                } else if (bound instanceof PointFreeExpr p) {
                    t = type(p.getLeft(), s);
                }
                s.names.put(drlx.getBind().asString(), t instanceof Val v ? v.type() : null);
            }
        }

        /** An {@code eval}, a {@code from} source or an accumulate argument: one expression in DRL syntax. */
        private Ty expression(String text, Scope s) {
            DrlxExpression drlx = parseDrlx(text, s);
            return drlx == null ? UNKNOWN : type(drlx.getExpr(), s);
        }

        private DrlxExpression parseDrlx(String text, Scope s) {
            try {
                return DrlSource.expression(text);
            } catch (RuntimeException e) {
                refuse(s, "this expression cannot be read by the containment check, so it is refused");
                return null;
            }
        }

        // ---- statements ---------------------------------------------------------------------------------

        private Optional<BlockStmt> parseBlock(String body) {
            String text = body.trim();
            if (!text.startsWith("{")) {
                text = "{" + body + "\n}";
            }
            ParseResult<BlockStmt> parsed = javaParser.parse(ParseStart.BLOCK, Providers.provider(text));
            if (parsed.isSuccessful() && parsed.getResult().isPresent()) {
                return parsed.getResult();
            }
            try {
                return Optional.of(MvelParser.parseBlock(text));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        /**
         * The line a block of code starts on in the file: Drools gives the line of {@code then} or of the
         * function's header, and the code may start there or below.
         */
        private int lineOf(String code, int fromLine) {
            int offset = 0;
            for (int line = 1; line < fromLine && offset >= 0; line++) {
                offset = source.indexOf('\n', offset) + 1;
            }
            String start = code.strip();
            int at = offset < 0 || start.isEmpty() ? -1 : source.indexOf(start, offset);
            if (at < 0) {
                return fromLine;
            }
            int line = fromLine;
            for (int i = offset; i < at; i++) {
                if (source.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private void checkBlock(String body, int headerLine, Scope s) {
            int firstLine = body == null ? headerLine : lineOf(body, headerLine);
            Optional<BlockStmt> block = parseBlock(body == null ? "" : body.strip());
            if (block.isEmpty()) {
                refuse(s.at(firstLine, body == null ? "" : body), "this code cannot be read by the containment check,"
                        + " so it is refused");
                return;
            }
            // Locals are scoped to the block; bound names stay visible.
            statement(block.get(), new Scope(new HashMap<>(s.names), null, s.consequence, s.owner, firstLine, body),
                    firstLine);
        }

        private void statement(Statement st, Scope s, int firstLine) {
            int line = st.getBegin().filter(p -> p.line > 0).map(p -> firstLine + p.line - 1).orElse(firstLine);
            Scope here = s.at(line, PrintUtil.printNode(st));
            if (st instanceof BlockStmt b) {
                Scope inner = new Scope(new HashMap<>(s.names), null, s.consequence, s.owner, line, s.text);
                b.getStatements().forEach(x -> statement(x, inner, firstLine));
            } else if (st instanceof ExpressionStmt e) {
                type(e.getExpression(), here);
            } else if (st instanceof IfStmt i) {
                type(i.getCondition(), here.at(line, PrintUtil.printNode(i.getCondition())));
                statement(i.getThenStmt(), s, firstLine);
                i.getElseStmt().ifPresent(x -> statement(x, s, firstLine));
            } else if (st instanceof ReturnStmt r) {
                r.getExpression().ifPresent(x -> type(x, here));
            } else if (st instanceof EmptyStmt) {
                return;
            } else if (st instanceof ForStmt || st instanceof ForEachStmt || st instanceof WhileStmt
                    || st instanceof DoStmt) {
                refuse(here, "loops are refused: a rule's cost must be bounded; match each element with a pattern"
                        + " ('from', 'accumulate') instead");
            } else if (st instanceof TryStmt) {
                refuse(here, "try/catch is refused: a rule that fails must fail visibly");
            } else if (st instanceof SynchronizedStmt) {
                refuse(here, "synchronized is refused: a rule must never wait on a lock");
            } else if (st instanceof ThrowStmt) {
                refuse(here, "throw is refused: a rule reports through the facts it inserts");
            } else if (st instanceof LocalClassDeclarationStmt || st instanceof LocalRecordDeclarationStmt) {
                refuse(here, "a class declared in rule code is refused: it could carry any code past this check");
            } else if (st instanceof ModifyStatement) {
                refuse(here, "modify is refused: rules never change facts; insert a result fact instead");
            } else {
                refuse(here, st.getClass().getSimpleName().replace("Stmt", "").toLowerCase(java.util.Locale.ROOT)
                        + " statements are not on the rule allowlist");
            }
        }

        // ---- expression types ---------------------------------------------------------------------------

        private Ty type(Expression e, Scope s) {
            if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
                return new Val(String.class);
            } else if (e instanceof IntegerLiteralExpr) {
                return new Val(int.class);
            } else if (e instanceof LongLiteralExpr) {
                return new Val(long.class);
            } else if (e instanceof DoubleLiteralExpr) {
                return new Val(double.class);
            } else if (e instanceof BooleanLiteralExpr) {
                return new Val(boolean.class);
            } else if (e instanceof CharLiteralExpr) {
                return new Val(char.class);
            } else if (e instanceof NullLiteralExpr) {
                return NULL;
            } else if (e instanceof BigDecimalLiteralExpr) {
                return new Val(java.math.BigDecimal.class);
            } else if (e instanceof BigIntegerLiteralExpr) {
                return new Val(java.math.BigInteger.class);
            } else if (e instanceof NameExpr n) {
                return name(n.getNameAsString(), s);
            } else if (e instanceof FieldAccessExpr f) {
                return member(type(f.getScope(), s), f.getNameAsString(), s);
            } else if (e instanceof NullSafeFieldAccessExpr f) {
                return member(type(f.getScope(), s), f.getNameAsString(), s);
            } else if (e instanceof MethodCallExpr m) {
                return call(m.getScope().orElse(null), m.getNameAsString(), m.getArguments(), s);
            } else if (e instanceof NullSafeMethodCallExpr m) {
                return call(m.getScope().orElse(null), m.getNameAsString(), m.getArguments(), s);
            } else if (e instanceof ObjectCreationExpr o) {
                return creation(o, s);
            } else if (e instanceof BinaryExpr b) {
                return binary(b, s);
            } else if (e instanceof UnaryExpr u) {
                return unary(u, s);
            } else if (e instanceof EnclosedExpr en) {
                return type(en.getInner(), s);
            } else if (e instanceof ConditionalExpr c) {
                type(c.getCondition(), s);
                Ty then = type(c.getThenExpr(), s);
                Ty otherwise = type(c.getElseExpr(), s);
                return then == NULL ? otherwise : then;
            } else if (e instanceof CastExpr c) {
                type(c.getExpression(), s);
                return checkedType(c.getType(), s).<Ty>map(Val::new).orElse(UNKNOWN);
            } else if (e instanceof InstanceOfExpr i) {
                type(i.getExpression(), s);
                checkedType(i.getType(), s);
                return new Val(boolean.class);
            } else if (e instanceof ArrayAccessExpr a) {
                Ty array = type(a.getName(), s);
                type(a.getIndex(), s);
                return array instanceof Val v && v.type() != null && v.type().isArray()
                        ? new Val(v.type().getComponentType()) : UNKNOWN;
            } else if (e instanceof ArrayCreationExpr a) {
                a.getLevels().forEach(l -> l.getDimension().ifPresent(d -> type(d, s)));
                a.getInitializer().ifPresent(i -> type(i, s));
                return checkedType(a.createdType(), s).<Ty>map(Val::new).orElse(UNKNOWN);
            } else if (e instanceof ArrayInitializerExpr a) {
                a.getValues().forEach(v -> type(v, s));
                return UNKNOWN;
            } else if (e instanceof AssignExpr a) {
                return assign(a, s);
            } else if (e instanceof VariableDeclarationExpr v) {
                for (VariableDeclarator d : v.getVariables()) {
                    Ty init = d.getInitializer().map(x -> type(x, s)).orElse(UNKNOWN);
                    Class<?> declared = d.getType().isVarType()
                            ? (init instanceof Val val ? val.type() : null)
                            : checkedType(d.getType(), s).orElse(null);
                    s.names.put(d.getNameAsString(), declared);
                }
                return UNKNOWN;
            } else if (e instanceof ThisExpr) {
                if (s.pattern == null) {
                    refuse(s, "'this' is only allowed in a pattern's constraints");
                    return UNKNOWN;
                }
                return new Val(s.pattern);
            } else if (e instanceof PointFreeExpr p) {
                type(p.getLeft(), s);
                p.getRight().forEach(r -> type(r, s));
                return new Val(boolean.class);
            } else if (e instanceof HalfBinaryExpr h) {
                type(h.getRight(), s);
                return new Val(boolean.class);
            } else if (e instanceof HalfPointFreeExpr h) {
                h.getRight().forEach(r -> type(r, s));
                return new Val(boolean.class);
            } else if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
                refuse(s, "lambdas and method references are refused: they could carry code past this check");
                return UNKNOWN;
            } else if (e instanceof ClassExpr) {
                refuse(s, "class literals are refused: " + RuleAllowlist.refusalReason("java.lang.Class"));
                return UNKNOWN;
            }
            refuse(s, "the construct " + e.getClass().getSimpleName().replace("Expr", "")
                    + " is not on the rule allowlist");
            return UNKNOWN;
        }

        private Ty name(String name, Scope s) {
            if (name.equals("drools") || name.equals("kcontext")) {
                refuse(s, name + " is refused: it gives access to the session and the engine; use insert,"
                        + " insertLogical and delete");
                return UNKNOWN;
            }
            if (s.names.containsKey(name)) {
                Class<?> t = s.names.get(name);
                return t == null ? UNKNOWN : new Val(t);
            }
            if (globals.containsKey(name)) {
                Class<?> t = globals.get(name);
                return t == null ? UNKNOWN : new Val(t);
            }
            if (s.pattern != null) {
                Optional<Method> property = property(s.pattern, name);
                if (property.isPresent()) {
                    return allowed(s.pattern, property.get(), s) ? new Val(property.get().getReturnType()) : UNKNOWN;
                }
            }
            Optional<Class<?>> type = simpleClass(name);
            if (type.isPresent()) {
                return classRef(type.get(), s);
            }
            if (Character.isUpperCase(name.charAt(0)) || name.startsWith("$")) {
                refuse(s, "'" + name + "' names nothing a rule can see: bound variables, the pattern's properties,"
                        + " globals and the allowed classes");
                return UNKNOWN;
            }
            return new PackageRef(name);
        }

        private Ty classRef(Class<?> type, Scope s) {
            if (!allowlist.allowsType(type)) {
                refuse(s, type.getName() + " is refused: " + RuleAllowlist.refusalReason(type.getName()));
                return UNKNOWN;
            }
            return new ClassRef(type);
        }

        /** {@code scope.name}: a package step, a class, a static field or a property. */
        private Ty member(Ty scope, String name, Scope s) {
            if (scope instanceof PackageRef p) {
                String qualified = p.name() + "." + name;
                Optional<Class<?>> type = load(qualified);
                return type.isPresent() ? classRef(type.get(), s) : new PackageRef(qualified);
            }
            if (scope instanceof ClassRef c) {
                for (Field f : c.type().getFields()) {
                    if (f.getName().equals(name) && Modifier.isStatic(f.getModifiers())) {
                        return new Val(f.getType());
                    }
                }
                for (Class<?> nested : c.type().getClasses()) {
                    if (nested.getSimpleName().equals(name)) {
                        return classRef(nested, s);
                    }
                }
                refuse(s, c.type().getSimpleName() + "." + name + " is not a constant the rule can read");
                return UNKNOWN;
            }
            if (scope instanceof Val v && v.type() != null) {
                if (!allowlist.allowsType(v.type())) {
                    refuse(s, v.type().getName() + " is refused: " + RuleAllowlist.refusalReason(v.type().getName()));
                    return UNKNOWN;
                }
                Optional<Method> property = property(v.type(), name);
                if (property.isPresent()) {
                    return allowed(v.type(), property.get(), s) ? new Val(property.get().getReturnType()) : UNKNOWN;
                }
                for (Field f : v.type().getFields()) {
                    if (f.getName().equals(name)) {
                        return new Val(f.getType());
                    }
                }
                if (v.type().isArray() && name.equals("length")) {
                    return new Val(int.class);
                }
                refuse(s, v.type().getSimpleName() + " has no property " + name);
            }
            return UNKNOWN;
        }

        private Ty call(Expression scopeExpr, String name, List<Expression> args, Scope s) {
            List<Ty> argTypes = new ArrayList<>();
            for (Expression a : args) {
                argTypes.add(type(a, s));
            }
            if (scopeExpr == null) {
                return unscopedCall(name, argTypes, s);
            }
            Ty scope = type(scopeExpr, s);
            if (scope instanceof ClassRef c) {
                return method(c.type(), name, argTypes, true, s);
            }
            if (scope instanceof Val v && v.type() != null) {
                if (!allowlist.allowsType(v.type())) {
                    refuse(s, v.type().getName() + " is refused: " + RuleAllowlist.refusalReason(v.type().getName()));
                    return UNKNOWN;
                }
                return method(v.type(), name, argTypes, false, s);
            }
            if (scope instanceof PackageRef p) {
                refuse(s, "'" + p.name() + "' names nothing a rule can see");
            }
            return UNKNOWN;
        }

        private Ty unscopedCall(String name, List<Ty> args, Scope s) {
            if (s.consequence && Set.of("insert", "insertLogical", "delete", "retract").contains(name)) {
                if (args.size() != 1) {
                    refuse(s, name + " takes one fact");
                } else if (args.get(0) instanceof Val v && (v.type() == null || !RuleAllowlist.isModel(v.type()))) {
                    refuse(s, name + " of " + (v.type() == null ? "null" : v.type().getName()) + " is refused: rules"
                            + " insert and delete facts of the fact model (org.precisionformulary.model) only");
                }
                return new Val(void.class);
            }
            if (s.consequence && Set.of("update", "modify").contains(name)) {
                refuse(s, name + " is refused: rules never change facts; insert a result fact instead");
                return UNKNOWN;
            }
            FunctionDescr f = functions.get(name);
            if (f != null) {
                return typeNamed(f.getReturnType() == null ? "void" : f.getReturnType()).<Ty>map(Val::new).orElse(UNKNOWN);
            }
            if (s.pattern != null) {
                return method(s.pattern, name, args, false, s);
            }
            refuse(s, name + "(...) is neither a function of the pack nor insert, insertLogical or delete");
            return UNKNOWN;
        }

        private Ty method(Class<?> type, String name, List<Ty> args, boolean statics, Scope s) {
            List<Method> candidates = new ArrayList<>();
            List<Method> all = new ArrayList<>(List.of(type.getMethods()));
            if (type.isInterface()) {
                all.addAll(List.of(Object.class.getMethods()));
            }
            for (Method m : all) {
                if (m.getName().equals(name) && arity(m, args.size()) && (!statics || Modifier.isStatic(m.getModifiers()))) {
                    candidates.add(m);
                }
            }
            if (candidates.isEmpty()) {
                refuse(s, type.getSimpleName() + " has no " + (statics ? "static " : "") + "method " + name
                        + " taking " + args.size() + " argument" + (args.size() == 1 ? "" : "s"));
                return UNKNOWN;
            }
            Method chosen = candidates.stream().filter(m -> accepts(m, args)).findFirst().orElse(candidates.get(0));
            return allowed(type, chosen, s) ? new Val(chosen.getReturnType()) : UNKNOWN;
        }

        private boolean allowed(Class<?> receiver, Executable member, Scope s) {
            if (allowlist.allowsMember(receiver, member)) {
                return true;
            }
            String what = receiver.getSimpleName() + (member instanceof Constructor<?> ? " constructor" : "."
                    + member.getName());
            String reason = member.getName().equals("now") ? RuleAllowlist.refusalReason("java.time.Clock")
                    : member.getName().equals("random") ? RuleAllowlist.refusalReason("java.util.Random")
                    : member.getName().equals("getClass") || member.getName().equals("getDeclaringClass")
                    ? RuleAllowlist.refusalReason("java.lang.Class")
                    : member.getName().startsWith("get") && Set.of(Integer.class, Long.class, Boolean.class).contains(receiver)
                    ? "it reads the JVM's system properties"
                    : RuleAllowlist.isAmplifier(receiver, member)
                    ? "one call can allocate or compute without bound (memory is not metered per request)"
                    : "it is not on the rule allowlist";
            refuse(s, what + " is refused: " + reason);
            return false;
        }

        private static boolean arity(Executable m, int n) {
            return m.isVarArgs() ? n >= m.getParameterCount() - 1 : n == m.getParameterCount();
        }

        private static boolean accepts(Executable m, List<Ty> args) {
            Class<?>[] params = m.getParameterTypes();
            if (m.isVarArgs() || params.length != args.size()) {
                return false;
            }
            for (int i = 0; i < params.length; i++) {
                if (args.get(i) instanceof Val v && v.type() != null && !box(params[i]).isAssignableFrom(box(v.type()))) {
                    return false;
                }
            }
            return true;
        }

        private static Class<?> box(Class<?> c) {
            if (!c.isPrimitive()) {
                return c;
            }
            return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
        }

        private Ty creation(ObjectCreationExpr o, Scope s) {
            List<Ty> args = new ArrayList<>();
            o.getArguments().forEach(a -> args.add(type(a, s)));
            o.getScope().ifPresent(x -> type(x, s));
            if (o.getAnonymousClassBody().isPresent()) {
                refuse(s, "anonymous classes are refused: they could carry code past this check");
                return UNKNOWN;
            }
            Optional<Class<?>> type = checkedType(o.getType(), s);
            if (type.isEmpty()) {
                return UNKNOWN;
            }
            List<Constructor<?>> candidates = new ArrayList<>();
            for (Constructor<?> c : type.get().getConstructors()) {
                if (arity(c, args.size())) {
                    candidates.add(c);
                }
            }
            if (candidates.isEmpty()) {
                refuse(s, type.get().getSimpleName() + " has no public constructor taking " + args.size() + " arguments");
                return UNKNOWN;
            }
            Constructor<?> chosen = candidates.stream().filter(c -> accepts(c, args)).findFirst().orElse(candidates.get(0));
            return allowed(type.get(), chosen, s) ? new Val(type.get()) : UNKNOWN;
        }

        private Ty binary(BinaryExpr b, Scope s) {
            Ty left = type(b.getLeft(), s);
            Ty right = type(b.getRight(), s);
            switch (b.getOperator()) {
                case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> {
                    return new Val(boolean.class);
                }
                case PLUS -> {
                    if (isString(left) || isString(right)) {
                        return new Val(String.class);
                    }
                    return numeric(left, right);
                }
                default -> {
                    return numeric(left, right);
                }
            }
        }

        private static boolean isString(Ty t) {
            return t instanceof Val v && v.type() == String.class;
        }

        private static Ty numeric(Ty left, Ty right) {
            Class<?> a = left instanceof Val v && v.type() != null ? v.type() : int.class;
            Class<?> b = right instanceof Val v && v.type() != null ? v.type() : int.class;
            for (Class<?> wide : List.of(double.class, Double.class, float.class, Float.class, long.class, Long.class)) {
                if (a == wide || b == wide) {
                    return new Val(wide.isPrimitive() ? wide : box(wide));
                }
            }
            if (a == boolean.class || a == Boolean.class) {
                return new Val(boolean.class);
            }
            return new Val(int.class);
        }

        private Ty unary(UnaryExpr u, Scope s) {
            Ty operand = type(u.getExpression(), s);
            if (u.getOperator().isPrefix() && (u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                    || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT) || u.getOperator().isPostfix()) {
                checkLocalTarget(u.getExpression(), s);
            }
            return u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT ? new Val(boolean.class) : operand;
        }

        private Ty assign(AssignExpr a, Scope s) {
            Ty value = type(a.getValue(), s);
            checkLocalTarget(a.getTarget(), s);
            return value;
        }

        /** Only a rule's own local variables may be assigned: facts and globals are never changed in place. */
        private void checkLocalTarget(Expression target, Scope s) {
            if (!(target instanceof NameExpr n) || n.getNameAsString().startsWith("$")
                    || globals.containsKey(n.getNameAsString()) || !s.names.containsKey(n.getNameAsString())) {
                refuse(s, "assigning to '" + PrintUtil.printNode(target) + "' is refused: rules never change facts or"
                        + " globals; only their own local variables");
            }
        }

        // ---- types by name ------------------------------------------------------------------------------

        private Optional<Class<?>> checkedType(Type t, Scope s) {
            Optional<Class<?>> type = javaType(t);
            if (type.isEmpty()) {
                refuse(s, "the type " + t.asString() + " names nothing a rule can see");
                return Optional.empty();
            }
            if (!allowlist.allowsType(type.get())) {
                refuse(s, type.get().getName() + " is refused: " + RuleAllowlist.refusalReason(type.get().getName()));
                return Optional.empty();
            }
            return type;
        }

        private Optional<Class<?>> javaType(Type t) {
            if (t instanceof PrimitiveType p) {
                return Optional.of(PRIMITIVES.get(p.asString()));
            }
            if (t instanceof ArrayType a) {
                return javaType(a.getComponentType()).map(c -> c.arrayType());
            }
            if (t instanceof ClassOrInterfaceType c) {
                return typeNamed(c.getNameWithScope());
            }
            return Optional.empty();
        }

        /** A type as DRL writes it ({@code List}, {@code java.util.List<String>}, {@code int[]}). */
        private Optional<Class<?>> typeNamed(String written) {
            if (written == null) {
                return Optional.empty();
            }
            String name = written.replaceAll("<.*>", "").trim();
            if (name.endsWith("[]")) {
                return typeNamed(name.substring(0, name.length() - 2)).map(Class::arrayType);
            }
            if (PRIMITIVES.containsKey(name)) {
                return Optional.of(PRIMITIVES.get(name));
            }
            return name.contains(".") ? qualified(name) : simpleClass(name);
        }

        /** {@code a.b.C} or {@code a.b.C.Inner}. */
        private Optional<Class<?>> qualified(String name) {
            Optional<Class<?>> direct = load(name);
            if (direct.isPresent()) {
                return direct;
            }
            // A nested class, written with dots after its outer class: a.b.Outer.Inner is a.b.Outer$Inner.
            for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
                String outer = name.substring(0, dot);
                Optional<Class<?>> type = (outer.contains(".") ? load(outer) : simpleClass(outer))
                        .flatMap(o -> load(o.getName() + "$" + name.substring(name.indexOf('.', outer.length()) + 1)
                                .replace('.', '$')));
                if (type.isPresent()) {
                    return type;
                }
            }
            return Optional.empty();
        }

        private Optional<Class<?>> simpleClass(String name) {
            Class<?> imported = imports.get(name);
            if (imported != null) {
                return Optional.of(imported);
            }
            List<String> candidates = new ArrayList<>();
            wildcards.forEach(w -> candidates.add(w + "." + name));
            candidates.add("java.lang." + name);
            if (pkg.getName() != null && !pkg.getName().isEmpty()) {
                candidates.add(pkg.getName() + "." + name);
            }
            for (String c : candidates) {
                Optional<Class<?>> type = load(c);
                if (type.isPresent()) {
                    return type;
                }
            }
            return Optional.empty();
        }

        private Optional<Class<?>> load(String name) {
            return resolved.computeIfAbsent(name, n -> {
                for (ClassLoader loader : loaders) {
                    try {
                        // Never initialised: naming a class must not run its static code.
                        return Optional.of(Class.forName(n, false, loader));
                    } catch (ClassNotFoundException | LinkageError e) {
                        // try the next loader
                    }
                }
                return Optional.empty();
            });
        }

        private static Optional<Method> property(Class<?> type, String name) {
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String candidate : List.of(name, "get" + cap, "is" + cap)) {
                try {
                    Method m = type.getMethod(candidate);
                    if (m.getReturnType() != void.class) {
                        return Optional.of(m);
                    }
                } catch (NoSuchMethodException e) {
                    // try the next spelling
                }
            }
            return Optional.empty();
        }
    }
}
