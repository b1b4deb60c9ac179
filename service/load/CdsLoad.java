// SPDX-License-Identifier: Apache-2.0

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded open-loop load generator for the service: sends a fixed number of requests at a fixed rate, each at
 * its planned time whether or not earlier ones have answered, and measures each latency from the planned time
 * (so a stalled server shows as latency, not as fewer requests). The warm-up requests go first, four at a time,
 * each as soon as the one before it answered, so that the JIT compiles the server's code without a backlog
 * forming. No dependencies; run it as a source file:
 *
 * <pre>
 * java service/load/CdsLoad.java URL BODY.json RATE_PER_SECOND REQUESTS [WARM_UP_REQUESTS]
 * </pre>
 */
public final class CdsLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java CdsLoad.java URL BODY.json RATE_PER_SECOND REQUESTS [WARM_UP_REQUESTS]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        String body = Files.readString(Path.of(args[1]));
        double rate = Double.parseDouble(args[2]);
        int requests = Integer.parseInt(args[3]);
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        if (warmUp > 0) {
            long warmStart = System.nanoTime();
            warmUp(client, request, warmUp, 4);
            System.out.printf("warm-up: %d requests, four at a time, in %.1f s%n", warmUp,
                    (System.nanoTime() - warmStart) / 1e9);
        }
        long started = System.nanoTime();
        Result result = run(client, request, rate, requests);
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = result.latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("requests %d at %.0f/s planned: %.1f/s achieved over %.1f s; non-200 or no cards: %d%n",
                requests, rate, requests / seconds, seconds, result.failures.get());
        System.out.printf("latency from planned send, ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
        System.exit(0);
    }

    private record Result(long[] latencies, AtomicInteger failures) {
    }

    private static Result run(HttpClient client, HttpRequest request, double rate, int count) {
        long interval = (long) (1e9 / rate);
        long[] latencies = new long[count];
        AtomicInteger failures = new AtomicInteger();
        CompletableFuture<?>[] pending = new CompletableFuture<?>[count];
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < count; i++) {
            long planned = start + i * interval;
            long wait;
            while ((wait = planned - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = i;
            pending[i] = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                latencies[slot] = System.nanoTime() - planned;
                if (failure != null || response.statusCode() != 200 || !response.body().contains("\"cards\"")) {
                    failures.incrementAndGet();
                }
                return null;
            });
        }
        CompletableFuture.allOf(pending).join();
        return new Result(latencies, failures);
    }

    private static void warmUp(HttpClient client, HttpRequest request, int count, int concurrency)
            throws InterruptedException {
        AtomicInteger left = new AtomicInteger(count);
        Thread[] loops = new Thread[concurrency];
        for (int i = 0; i < concurrency; i++) {
            loops[i] = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        // a warm-up request that fails only warms less
                    }
                }
            });
            loops[i].start();
        }
        for (Thread t : loops) {
            t.join();
        }
    }

    private static double ms(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
