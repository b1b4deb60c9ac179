// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What rule code may touch: the fact model, a short list of value types, and the helper classes the
 * embedding host names. Everything else is refused, whatever the pack's own files say; a pack cannot widen
 * this list, only the code that loads it can ({@link #widenedBy}).
 *
 * <p>Why so little: a pack is compiled Java running inside a claims system. The value types below compute
 * with what facts hold and cannot reach files, the network, the environment, threads, the clock or the
 * class loader; a host helper is the host's own code, which the host vouches for.
 */
public final class RuleAllowlist {

    /** The packages of the fact model rules read and insert; the model's JSON readers are not among them. */
    static final List<String> MODEL_PACKAGES = List.of(
            "org.precisionformulary.model.fact", "org.precisionformulary.model.decision",
            "org.precisionformulary.model.genotype", "org.precisionformulary.model.drug",
            "org.precisionformulary.model.formulary", "org.precisionformulary.model.request");

    /** Value types: strings, numbers, arithmetic, collections and calendar values. */
    static final Set<Class<?>> VALUE_TYPES = Set.of(
            Object.class, String.class, CharSequence.class, Comparable.class, Number.class, Integer.class, Long.class,
            Short.class, Byte.class, Double.class, Float.class, Boolean.class, Character.class, Math.class,
            java.math.BigDecimal.class, java.math.BigInteger.class, java.math.RoundingMode.class,
            java.util.Collection.class, java.util.List.class, java.util.ArrayList.class, java.util.LinkedList.class,
            java.util.Set.class, java.util.HashSet.class, java.util.LinkedHashSet.class, java.util.TreeSet.class,
            java.util.SortedSet.class, java.util.Map.class, java.util.Map.Entry.class, java.util.HashMap.class,
            java.util.LinkedHashMap.class, java.util.TreeMap.class, java.util.SortedMap.class,
            java.util.Collections.class, java.util.Objects.class, java.util.Optional.class,
            java.time.LocalDate.class, java.time.LocalDateTime.class, java.time.LocalTime.class,
            java.time.Period.class, java.time.Duration.class, java.time.Year.class, java.time.YearMonth.class,
            java.time.MonthDay.class, java.time.DayOfWeek.class, java.time.Month.class,
            java.time.temporal.ChronoUnit.class);

    /**
     * Methods of allowed types that still reach outside: the system properties behind the boxed types'
     * look-ups, the clock, chance (a decision must replay the same) and the class of an object.
     */
    private static final Set<String> REFUSED_METHODS = Set.of(
            "java.lang.Integer.getInteger", "java.lang.Long.getLong", "java.lang.Boolean.getBoolean",
            "java.lang.Math.random", "java.lang.Object.getClass", "java.lang.Object.wait",
            "java.lang.Object.notify", "java.lang.Object.notifyAll", "java.lang.Enum.getDeclaringClass",
            "java.lang.Enum.describeConstable", "java.lang.String.describeConstable");

    /**
     * Methods that allocate or compute on one argument's say-so: one call could fill the heap of the claims
     * process or spin longer than any budget, and memory is not metered per request.
     */
    private static final Set<String> AMPLIFIERS = Set.of(
            "java.lang.String.repeat", "java.lang.String.format", "java.lang.String.formatted",
            "java.util.Collections.nCopies", "java.math.BigInteger.pow", "java.math.BigInteger.shiftLeft",
            "java.math.BigDecimal.pow", "java.math.BigDecimal.setScale", "java.math.BigDecimal.movePointLeft",
            "java.math.BigDecimal.movePointRight", "java.math.BigDecimal.scaleByPowerOfTen");

    /** What a class that is not allowed would let a rule do, by package or class name prefix, for messages. */
    private static final Map<String, String> REFUSAL_CLASSES = refusalClasses();

    /** Classes no host may allow: with them a rule could leave the fact model whatever else is checked. */
    private static final List<String> NEVER_ALLOWED = List.of("java.lang.System", "java.lang.Runtime",
            "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.Thread", "java.lang.ThreadGroup",
            "java.lang.Class", "java.lang.ClassLoader", "java.lang.reflect.", "java.lang.invoke.", "java.io.",
            "java.nio.", "java.net.", "javax.naming.", "javax.script.", "java.util.concurrent.", "sun.", "jdk.",
            "org.kie.", "org.drools.");

    private final List<Class<?>> hostAllowed;

    private RuleAllowlist(List<Class<?>> hostAllowed) {
        this.hostAllowed = List.copyOf(hostAllowed);
    }

    /** The list with nothing added by a host. */
    public static final RuleAllowlist DEFAULT = new RuleAllowlist(List.of());

    /**
     * @param helpers public classes of the host whose public members rules may use
     * @return this list widened by the host's helpers
     * @throws IllegalArgumentException when a helper is not public, or is a class no host may allow (the JVM,
     *                                  threads, reflection, files, the network)
     */
    public RuleAllowlist widenedBy(Collection<Class<?>> helpers) {
        List<Class<?>> all = new ArrayList<>(hostAllowed);
        for (Class<?> helper : helpers) {
            if (helper.isArray() || helper.isPrimitive() || !Modifier.isPublic(helper.getModifiers())) {
                throw new IllegalArgumentException(helper.getName() + " cannot be allowed in rules: only public classes");
            }
            for (String prefix : NEVER_ALLOWED) {
                if (helper.getName().equals(prefix) || prefix.endsWith(".") && helper.getName().startsWith(prefix)) {
                    throw new IllegalArgumentException(helper.getName() + " cannot be allowed in rules: "
                            + refusalReason(helper.getName()));
                }
            }
            if (!all.contains(helper)) {
                all.add(helper);
            }
        }
        return new RuleAllowlist(all);
    }

    /** @return the host's helper classes, by name, sorted: what every decision's audit lists */
    public List<String> hostAllowedNames() {
        TreeSet<String> names = new TreeSet<>();
        hostAllowed.forEach(c -> names.add(c.getName()));
        return List.copyOf(names);
    }

    /** @return whether the host added nothing */
    public boolean isDefault() {
        return hostAllowed.isEmpty();
    }

    /** @return the class loaders that see the host's helpers, besides the engine's own */
    List<ClassLoader> hostLoaders() {
        List<ClassLoader> loaders = new ArrayList<>();
        for (Class<?> c : hostAllowed) {
            if (c.getClassLoader() != null && !loaders.contains(c.getClassLoader())) {
                loaders.add(c.getClassLoader());
            }
        }
        return loaders;
    }

    boolean allowsType(Class<?> type) {
        if (type.isPrimitive()) {
            return true;
        }
        if (type.isArray()) {
            return allowsType(type.getComponentType());
        }
        return isModel(type) || VALUE_TYPES.contains(type) || hostAllowed.contains(type);
    }

    /** Whether a rule may insert or delete facts of this type: only the fact model's. */
    static boolean isModel(Class<?> type) {
        Package p = type.getPackage();
        return p != null && MODEL_PACKAGES.contains(p.getName());
    }

    /**
     * A method or constructor reached through an allowed type is allowed unless it is one of the few that
     * reach outside. What {@code Object}, {@code Enum} and {@code Record} give every object is limited to
     * comparing and printing.
     *
     * @param receiver the allowed type the member is reached through
     * @param member   the method or constructor
     */
    boolean allowsMember(Class<?> receiver, Executable member) {
        Class<?> owner = member.getDeclaringClass();
        String name = member.getName();
        if (!allowsType(receiver) || REFUSED_METHODS.contains(owner.getName() + "." + name)
                || REFUSED_METHODS.contains(receiver.getName() + "." + name)) {
            return false;
        }
        if ((owner.getPackageName().equals("java.time") || receiver.getPackageName().equals("java.time"))
                && name.equals("now")) {
            return false;
        }
        if (isAmplifier(receiver, member)) {
            return false;
        }
        if (owner == Object.class || owner == Enum.class || owner == Record.class) {
            return Set.of("equals", "hashCode", "toString", "compareTo", "name", "ordinal").contains(name);
        }
        return true;
    }

    /**
     * @param receiver the type the member is reached through
     * @param member   a method or constructor
     * @return whether one call of it could allocate or compute without bound: the methods above, and the
     *         collection constructors that take a capacity
     */
    static boolean isAmplifier(Class<?> receiver, Executable member) {
        String name = member.getDeclaringClass().getName() + "." + member.getName();
        if (AMPLIFIERS.contains(name) || AMPLIFIERS.contains(receiver.getName() + "." + member.getName())) {
            return true;
        }
        boolean collection = java.util.Collection.class.isAssignableFrom(receiver)
                || java.util.Map.class.isAssignableFrom(receiver);
        return collection && member instanceof java.lang.reflect.Constructor<?> && member.getParameterCount() > 0
                && member.getParameterTypes()[0] == int.class;
    }

    /**
     * @param className a class a rule named
     * @return why it is refused, in a few words a pack author can act on
     */
    static String refusalReason(String className) {
        String best = null;
        for (String prefix : REFUSAL_CLASSES.keySet()) {
            boolean matches = prefix.endsWith(".") ? className.startsWith(prefix) : className.equals(prefix);
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? "it is not on the rule allowlist (the fact model, strings, numbers, Math, java.util"
                + " collections and java.time values)" : REFUSAL_CLASSES.get(best);
    }

    private static Map<String, String> refusalClasses() {
        Map<String, String> m = new LinkedHashMap<>();
        String jvm = "it reaches the JVM, the environment or other processes";
        m.put("java.lang.System", jvm);
        m.put("java.lang.Runtime", jvm);
        m.put("java.lang.ProcessBuilder", jvm);
        m.put("java.lang.Process", jvm);
        m.put("java.lang.ProcessHandle", jvm);
        String threads = "it starts, stops or waits on threads; a rule runs on the engine's thread only";
        m.put("java.lang.Thread", threads);
        m.put("java.lang.ThreadGroup", threads);
        m.put("java.util.concurrent.", threads);
        m.put("java.util.Timer", threads);
        String reflection = "reflection and class loading can reach any code, around every other check";
        m.put("java.lang.Class", reflection);
        m.put("java.lang.ClassLoader", reflection);
        m.put("java.lang.reflect.", reflection);
        m.put("java.lang.invoke.", reflection);
        m.put("java.util.ServiceLoader", reflection);
        m.put("java.io.", "it reads or writes files or streams; a rule sees only the facts it is given");
        m.put("java.nio.", "it reads or writes files or streams; a rule sees only the facts it is given");
        m.put("java.io.ObjectInputStream", "deserialization can run any code");
        m.put("java.io.ObjectOutputStream", "serialization writes objects out of the engine");
        m.put("java.net.", "it reaches the network");
        m.put("javax.naming.", "JNDI look-ups reach the network and load code");
        m.put("javax.script.", "a scripting engine runs code no check has seen");
        m.put("org.slf4j.", "rules report through the facts they insert, not through logs, which could carry genotypes");
        m.put("ch.qos.logback.", m.get("org.slf4j."));
        m.put("java.util.logging.", m.get("org.slf4j."));
        m.put("org.apache.logging.", m.get("org.slf4j."));
        m.put("org.kie.", "the engine's own classes give access to the session and the rule base");
        m.put("org.drools.", m.get("org.kie."));
        m.put("java.time.Clock", "rules read the service date, never a clock, so every decision can be replayed");
        m.put("java.time.Instant", m.get("java.time.Clock"));
        m.put("java.util.Random", "a decision must be the same every time it is made");
        m.put("java.lang.SecurityManager", jvm);
        m.put("java.lang.Runnable", threads);
        return m;
    }
}
