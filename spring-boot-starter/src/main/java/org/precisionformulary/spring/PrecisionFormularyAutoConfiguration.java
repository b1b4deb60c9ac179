// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.precisionformulary.engine.MemberIdKey;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePackException;
import org.precisionformulary.model.json.FormularyException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Builds one {@link PrecisionFormulary} from {@link PrecisionFormularyProperties}, unless the application defines
 * its own, and watches its pack directory when {@code precisionformulary.pack.watch} is on. A formulary, pack or key
 * that cannot be used stops the application at start-up, before it serves, with Boot's failure report naming the
 * property and saying why.
 */
@AutoConfiguration
@EnableConfigurationProperties(PrecisionFormularyProperties.class)
public class PrecisionFormularyAutoConfiguration {

    private static final String FORMULARY = PrecisionFormularyProperties.PREFIX + ".formulary";
    private static final String PACK_DIRECTORY = PrecisionFormularyProperties.PREFIX + ".pack.directory";
    private static final String MEMBER_ID_KEY = PrecisionFormularyProperties.PREFIX + ".member-id-key";

    /** Creates the configuration; Boot does, when the starter is on the class path. */
    public PrecisionFormularyAutoConfiguration() {
    }

    /**
     * @return where the engine's decisions and reloads go: the starter's metrics and health indicator
     */
    @Bean
    @ConditionalOnMissingBean
    public PrecisionFormularyEvents precisionFormularyEvents() {
        return new PrecisionFormularyEvents();
    }

    /**
     * The engine, built at start-up so that a bad formulary or pack stops the application before it serves.
     *
     * @param properties the settings
     * @param events     told of every decision and reload
     * @return the engine
     * @throws InvalidConfigurationPropertyValueException naming the property, when the formulary, the pack
     *                                                    directory or the member-id key cannot be used
     */
    @Bean
    @ConditionalOnMissingBean
    public PrecisionFormulary precisionFormulary(PrecisionFormularyProperties properties,
                                                 PrecisionFormularyEvents events) {
        PrecisionFormulary.Builder builder = PrecisionFormulary.builder().decisionListener(events)
                .reloadListener(events);
        if (properties.formulary() != null) {
            Path file = readableFile(FORMULARY, properties.formulary());
            try {
                builder.formulary(file);
            } catch (FormularyException e) {
                throw new InvalidConfigurationPropertyValueException(FORMULARY, file, e.getMessage());
            }
        }
        Path pack = properties.pack().directory();
        if (pack != null) {
            if (!Files.isDirectory(pack)) {
                throw new InvalidConfigurationPropertyValueException(PACK_DIRECTORY, pack, "It is not a directory.");
            }
            builder.rulePack(pack);
        }
        if (properties.memberIdKey() != null) {
            Path file = readableFile(MEMBER_ID_KEY, properties.memberIdKey());
            try {
                builder.hashMemberIds(MemberIdKey.read(file));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                // The message names the file and its length, never the key.
                throw new InvalidConfigurationPropertyValueException(MEMBER_ID_KEY, file, e.getMessage());
            }
        }
        if (properties.evaluationBudget() != null) {
            builder.evaluationBudget(properties.evaluationBudget());
        }
        try {
            return builder.build();
        } catch (RulePackException e) {
            if (pack == null) {
                throw e;
            }
            throw new InvalidConfigurationPropertyValueException(PACK_DIRECTORY, pack,
                    "The pack is refused: " + e.getMessage());
        }
    }

    /**
     * Watches {@code precisionformulary.pack.directory} from the start of the application context to its end.
     *
     * @param engine     the engine to reload
     * @param properties the settings
     * @return the watch, started and stopped with the context
     */
    @Bean
    @ConditionalOnProperty(prefix = PrecisionFormularyProperties.PREFIX + ".pack", name = "watch", havingValue = "true")
    PackWatch precisionFormularyPackWatch(PrecisionFormulary engine, PrecisionFormularyProperties properties) {
        return new PackWatch(engine, properties.pack().directory(), properties.pack().watchInterval());
    }

    private static Path readableFile(String property, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigurationPropertyValueException(property, file, Files.isDirectory(file)
                    ? "It is a directory, not a file." : "The file does not exist.");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidConfigurationPropertyValueException(property, file, "The file cannot be read.");
        }
        return file;
    }
}
