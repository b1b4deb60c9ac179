// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a rule pack directory and, when a file in it changes, has the engine compile the pack in the background
 * and swap to it ({@link PrecisionFormulary#reloadInBackground}). The engine keeps deciding with the pack it has
 * meanwhile; a pack that fails the checks or does not compile is refused, and the old pack keeps deciding.
 *
 * <pre>{@code
 * try (PackDirectoryWatcher watcher = new PackDirectoryWatcher(engine, packs, Duration.ofSeconds(1),
 *         reload -> log.info("{}", reload.message()))) {
 *     watcher.start();
 *     ...   // serve
 * }
 * }</pre>
 *
 * It polls (the files' paths, sizes and modification times) rather than using a file-system watch service: it
 * behaves the same on every file system, network mounts included. One watcher runs one reload at a time: a change
 * seen while the last one is still compiling is picked up at the next look, so an older pack can never finish
 * last and win. Copy a new pack in whole (or swap a symbolic link): a look in the middle of a copy may compile a
 * half-written pack, which is refused, and the next look compiles the whole one.
 *
 * <p>The looks run on one daemon thread named {@code pack-watcher}, started by {@link #start()} and ended by
 * {@link #close()}.
 */
public final class PackDirectoryWatcher implements AutoCloseable {

    /** What a watcher tells its host; {@link #changed} defaults to nothing. */
    @FunctionalInterface
    public interface Listener {

        /**
         * The watcher saw a change and is having the pack compiled.
         *
         * @param directory the watched directory
         */
        default void changed(Path directory) {
        }

        /** @param reload how the reload the change started ended: accepted, or refused with the reason */
        void reloaded(PackReload reload);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PackDirectoryWatcher.class);

    private final PrecisionFormulary engine;
    private final Path directory;
    private final Duration interval;
    private final Listener listener;
    private final ScheduledExecutorService timer;
    private String fingerprint;
    private CompletableFuture<RulePack> running = CompletableFuture.completedFuture(null);
    private boolean started;

    /**
     * A watcher that takes the directory as it is now as the pack the engine has; it looks only once started.
     *
     * @param engine    the engine to reload
     * @param directory the pack directory
     * @param interval  how long between looks
     * @param listener  told of each change seen and of how each reload ended
     * @throws NullPointerException     when an argument is {@code null}
     * @throws IllegalArgumentException when the interval is not positive
     * @throws UncheckedIOException     when the directory cannot be read
     */
    public PackDirectoryWatcher(PrecisionFormulary engine, Path directory, Duration interval, Listener listener) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the watch interval must be positive, not " + interval);
        }
        this.fingerprint = fingerprint();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "pack-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts looking, once every interval, on the watcher's thread.
     *
     * @throws IllegalStateException when the watcher was started before or is closed
     */
    public synchronized void start() {
        if (started || timer.isShutdown()) {
            throw new IllegalStateException("a pack watcher starts once, and not after it is closed");
        }
        started = true;
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::lookQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * One look now: when the directory's files changed since the last look and no reload of this watcher is still
     * compiling, tells the listener and starts a reload.
     *
     * @return the reload started, completing with the pack now deciding or exceptionally with the
     *         {@link RulePackException} that refused it; empty when nothing changed or the last reload is still
     *         compiling
     * @throws UncheckedIOException when the directory cannot be read
     */
    public synchronized Optional<CompletableFuture<RulePack>> check() {
        if (!running.isDone()) {
            return Optional.empty();
        }
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return Optional.empty();
        }
        fingerprint = now;
        listener.changed(directory);
        running = engine.reloadInBackground(directory)
                .whenComplete((pack, failure) -> tell(PackReload.endedNow(directory.toString(), pack, failure)));
        return Optional.of(running);
    }

    /** The reload stands whatever the listener does; its failure would otherwise surface as the reload's. */
    private void tell(PackReload reload) {
        try {
            listener.reloaded(reload);
        } catch (RuntimeException e) {
            LOG.warn("A pack watcher's listener ({}) failed with {}", listener.getClass().getName(),
                    e.getClass().getName());
        }
    }

    /** A look on the timer: a failure is logged and the next look goes ahead, where an exception would end them. */
    private void lookQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Pack directory {} could not be looked at; trying again in {}: {}", directory, interval,
                    e.getMessage());
        }
    }

    private String fingerprint() {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
            StringBuilder sb = new StringBuilder();
            for (Path p : regular) {
                sb.append(p).append('|').append(Files.size(p)).append('|').append(Files.getLastModifiedTime(p).toMillis())
                        .append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** @return the watched directory */
    public Path directory() {
        return directory;
    }

    /** Stops looking; a reload already compiling still completes. Closing twice does nothing. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
