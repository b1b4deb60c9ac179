// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.precisionformulary.engine.PrecisionFormulary;

/**
 * {@code batch --watch DIR}: looks at a pack directory every second and, when a file in it changed, has the
 * engine compile the pack in the background and swap to it. The batch keeps going on the pack it has; a pack
 * that does not compile is refused and said so on standard error. Polling rather than a file-system watch
 * service: it behaves the same on every file system, including network mounts.
 */
final class PackWatcher implements AutoCloseable {

    private final PrecisionFormulary engine;
    private final Path directory;
    private final PrintStream err;
    private final ScheduledExecutorService timer;
    private String fingerprint;

    PackWatcher(PrecisionFormulary engine, Path directory, PrintStream err) {
        this.engine = engine;
        this.directory = directory;
        this.err = err;
        this.fingerprint = fingerprint();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "pack-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** One look: reloads when the directory's files changed since the last look. */
    void check() {
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return;
        }
        fingerprint = now;
        err.println("batch: " + directory + " changed; compiling the pack in the background");
        engine.reloadInBackground(directory).whenComplete((pack, failure) -> err.println(failure == null
                ? "batch: now deciding with pack " + pack.name() + " " + pack.version() + " (" + pack.sha256().substring(0, 12) + ")"
                : "batch: pack refused, the previous pack keeps deciding: " + rootMessage(failure)));
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t.getCause() != null ? t.getCause() : t;
        return cause.getMessage();
    }

    private String fingerprint() {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
            StringBuilder sb = new StringBuilder();
            for (Path p : regular) {
                sb.append(p).append('|').append(Files.size(p)).append('|').append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
