// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The engine's settings, under {@code precisionformulary.*}. A value that cannot be right (a budget that is not
 * positive, a watch with no directory) stops the application at start-up with Boot's failure report naming the
 * property; files are checked when the engine is built ({@link PrecisionFormularyAutoConfiguration}).
 *
 * @param formulary        {@code precisionformulary.formulary}: the plan's formulary document (contract §3, or a
 *                         flat {@code .csv}/{@code .tsv}/{@code .txt} file); the demo formulary when unset
 * @param pack             {@code precisionformulary.pack.*}: where the rule pack comes from
 * @param memberIdKey      {@code precisionformulary.member-id-key}: a file holding the plan's secret key (at least
 *                         16 bytes) for the keyed hash of member ids in every audit; without it decisions carry no
 *                         member identifier
 * @param evaluationBudget {@code precisionformulary.evaluation-budget}: how long one evaluation may take before it
 *                         is answered with a review; the engine's default (2 s) when unset
 */
@ConfigurationProperties(PrecisionFormularyProperties.PREFIX)
public record PrecisionFormularyProperties(Path formulary, Pack pack, Path memberIdKey, Duration evaluationBudget) {

    /** The prefix of every property. */
    public static final String PREFIX = "precisionformulary";

    /**
     * @throws InvalidConfigurationPropertyValueException naming {@code precisionformulary.evaluation-budget} when
     *                                                    the budget is not positive
     */
    public PrecisionFormularyProperties {
        pack = pack == null ? new Pack(null, false, null) : pack;
        if (evaluationBudget != null && (evaluationBudget.isZero() || evaluationBudget.isNegative())) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + ".evaluation-budget", evaluationBudget,
                    "An evaluation budget must be positive, such as 2s.");
        }
    }

    /**
     * The rule pack.
     *
     * @param directory     {@code precisionformulary.pack.directory}: a pack directory (DRL and tables); the
     *                      built-in CPIC pack when unset
     * @param watch         {@code precisionformulary.pack.watch}: whether to reload the pack when a file in the
     *                      directory changes (off by default)
     * @param watchInterval {@code precisionformulary.pack.watch-interval}: how long between looks at the directory;
     *                      1 s when unset
     */
    public record Pack(Path directory, boolean watch, Duration watchInterval) {

        /** How long between looks at a watched pack directory when {@code watch-interval} is not set. */
        public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(1);

        /**
         * @throws InvalidConfigurationPropertyValueException naming the property, when the interval is not positive
         *                                                    or a watch has no directory to watch
         */
        public Pack {
            watchInterval = watchInterval == null ? DEFAULT_WATCH_INTERVAL : watchInterval;
            if (watchInterval.isZero() || watchInterval.isNegative()) {
                throw new InvalidConfigurationPropertyValueException(PREFIX + ".pack.watch-interval", watchInterval,
                        "A watch interval must be positive, such as 1s.");
            }
            if (watch && directory == null) {
                throw new InvalidConfigurationPropertyValueException(PREFIX + ".pack.watch", true,
                        "It watches " + PREFIX + ".pack.directory, which is not set: set the directory, or leave the"
                                + " watch off to decide with the built-in pack.");
            }
        }
    }
}
