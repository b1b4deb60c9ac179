// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to swap an engine's rule pack and how it ended: accepted (the pack now deciding) or refused (the
 * old pack keeps deciding, and the refusal says why).
 *
 * @param at      when the attempt ended
 * @param source  where the pack came from: its directory, or its name and version for a pack the host compiled
 * @param pack    the pack now deciding, or {@code null} when the attempt was refused
 * @param refusal why the pack was refused (for a pack that does not compile, every compiler message with file and
 *                line), or {@code null} when it was accepted
 */
public record PackReload(Instant at, String source, RulePack pack, String refusal) {

    /**
     * @throws NullPointerException     when the time or the source is missing
     * @throws IllegalArgumentException unless exactly one of the pack and the refusal is given
     */
    public PackReload {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        if ((pack == null) == (refusal == null)) {
            throw new IllegalArgumentException("a reload either has the pack it swapped to or the reason it was refused,"
                    + " not " + (pack == null ? "neither" : "both"));
        }
    }

    /**
     * The reload that just ended, now.
     *
     * @param source  where the pack came from
     * @param pack    the pack now deciding, or {@code null} when refused
     * @param failure why it was refused, or {@code null} when accepted; a {@link java.util.concurrent.CompletionException}
     *                from a background reload stands for its cause
     * @return the reload
     * @throws NullPointerException     when the source is missing
     * @throws IllegalArgumentException unless exactly one of the pack and the failure is given
     */
    public static PackReload endedNow(String source, RulePack pack, Throwable failure) {
        Throwable reason = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return new PackReload(Instant.now(), source, pack, reason == null ? null : String.valueOf(reason.getMessage()));
    }

    /** @return whether the pack was swapped in */
    public boolean accepted() {
        return pack != null;
    }

    /**
     * @return for an accepted pack, {@code now deciding with pack NAME VERSION (first 12 digits of its SHA-256)};
     *         for a refused one, the refusal
     */
    public String message() {
        return accepted() ? "now deciding with pack " + pack.name() + " " + pack.version() + " ("
                + pack.sha256().substring(0, Math.min(12, pack.sha256().length())) + ")" : refusal;
    }
}
