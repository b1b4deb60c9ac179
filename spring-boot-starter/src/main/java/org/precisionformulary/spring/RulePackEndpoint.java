// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.precisionformulary.engine.PackReload;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code rulepack} Actuator endpoint: the pack deciding now ({@code GET /actuator/rulepack}), and a reload
 * ({@code POST /actuator/rulepack}, optionally with {@code {"directory": "/packs/2026-12"}}) that compiles the pack
 * while the engine keeps deciding and answers {@code accepted} or {@code refused} with the reason.
 *
 * <p>A reload changes what every later decision is made with: expose the endpoint only where it is protected like
 * any write endpoint (a management port bound to localhost, or Spring Security), as {@code docs/integration.md}
 * shows. Actuator exposes nothing but {@code health} over HTTP until told to.
 */
@Endpoint(id = "rulepack")
public class RulePackEndpoint {

    private final PrecisionFormulary engine;
    private final PrecisionFormularyEvents events;
    private final Path configuredDirectory;

    /**
     * @param engine              the engine
     * @param events              where the last reload is kept
     * @param configuredDirectory {@code precisionformulary.pack.directory}, reloaded when a reload names no
     *                            directory; {@code null} when not set
     */
    public RulePackEndpoint(PrecisionFormulary engine, PrecisionFormularyEvents events, Path configuredDirectory) {
        this.engine = engine;
        this.events = events;
        this.configuredDirectory = configuredDirectory;
    }

    /**
     * The pack deciding now.
     *
     * @param pack            the pack's name, version, SHA-256 and CPIC data version, and the engine's version
     * @param rules           how many rules it holds
     * @param overriddenRules the built-in rules it replaced by name, for a pack laid over the built-in one
     * @param lastReload      the last reload attempted ({@code at}, {@code result}, {@code source},
     *                        {@code message}), or {@code null} before the first
     */
    public record Serving(Map<String, Object> pack, int rules, java.util.List<String> overriddenRules,
                          Map<String, Object> lastReload) {
    }

    /**
     * How a reload ended.
     *
     * @param result  {@code accepted} or {@code refused}
     * @param source  the directory the pack was compiled from
     * @param message for an accepted pack, the pack now deciding; for a refused one, every reason (compiler messages
     *                with file and line)
     * @param serving the pack deciding now: the new one, or the old one that keeps deciding
     */
    public record Reload(String result, String source, String message, Serving serving) {
    }

    /** @return the pack deciding now and the last reload */
    @ReadOperation
    public Serving serving() {
        RulePack pack = engine.rulePack();
        return new Serving(PackDetails.of(pack), pack.ruleNames().size(), pack.overriddenRules(),
                events.lastReload().map(PackDetails::of).orElse(null));
    }

    /**
     * Compiles a pack directory and, if it passes every check, swaps the engine to it; otherwise the pack deciding
     * now keeps deciding. Blocks until the pack is compiled (seconds for a pack laid over the built-in one).
     *
     * @param directory the pack directory; {@code precisionformulary.pack.directory} when not given (Actuator reads
     *                  the parameter as optional because it is {@code @Nullable})
     * @return accepted or refused, with the reason
     * @throws InvalidEndpointRequestException (400) when no directory is given and none is configured
     */
    @WriteOperation
    public Reload reload(@Nullable String directory) {
        Path source = directory != null && !directory.isBlank() ? Path.of(directory) : configuredDirectory;
        if (source == null) {
            throw new InvalidEndpointRequestException("No pack directory: give one, or set "
                    + PrecisionFormularyProperties.PREFIX + ".pack.directory", "no pack directory");
        }
        PackReload reload;
        try {
            reload = PackReload.endedNow(source.toString(), engine.reloadInBackground(source).join(), null);
        } catch (CompletionException e) {
            reload = PackReload.endedNow(source.toString(), null, e);
        }
        return new Reload(reload.accepted() ? "accepted" : "refused", source.toString(), reload.message(), serving());
    }
}
