package io.codinspect.bench.gateway;

import io.codinspect.bench.gateway.StreamFigures.Figure;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Many streams started at once on virtual threads, each on a connection of its own: first directly
 * at the fake LLM, then through the gateway; two rounds, since the first also opens every
 * connection (to the control plane, and from it to the fake, whose listen backlog is 64) and the
 * second finds them open.
 */
final class ConcurrentStreams {

    private static final int TARGET = 200;

    private ConcurrentStreams() {}

    static void run(CallPaths paths, byte[] body, int count) throws InterruptedException {
        System.out.println();
        System.out.printf("Concurrent streams: %d at once, two rounds%n", count);
        var errors = 0;
        var complete = 0L;
        for (var round = 1; round <= 2; round++) {
            var direct = new StreamFigures("direct");
            var directSeconds = atOnce(count, i -> direct.add(paths.direct(body), 0));
            var gateway = new StreamFigures("gateway");
            var gatewaySeconds = atOnce(count, i -> gateway.add(paths.gateway(i, body), 0));
            for (var figures : List.of(direct, gateway)) {
                System.out.printf(
                        "  round %d %-8s %d of %d complete, %d errors, all in %.2f s; first token p50 %.1f ms,"
                                + " p99 %.1f ms; full stream p50 %.1f ms, p99 %.1f ms%n",
                        round,
                        figures.path() + ":",
                        figures.streams(),
                        count,
                        figures.errors().size(),
                        figures == direct ? directSeconds : gatewaySeconds,
                        figures.millis(Figure.FIRST_TOKEN, 0.5),
                        figures.millis(Figure.FIRST_TOKEN, 0.99),
                        figures.millis(Figure.FULL_STREAM, 0.5),
                        figures.millis(Figure.FULL_STREAM, 0.99));
                figures.printErrors();
            }
            errors += gateway.errors().size();
            complete += gateway.streams();
        }
        System.out.printf(
                "Target: >= %d concurrent streams through the gateway without errors: %s%n",
                TARGET, GatewayBench.met(count >= TARGET && errors == 0 && complete == 2L * count));
    }

    /** Runs {@code count} calls released at the same moment; seconds until the last one ended. */
    private static double atOnce(int count, IntConsumer call) throws InterruptedException {
        var start = new CountDownLatch(1);
        long began;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var i = 0; i < count; i++) {
                var n = i;
                pool.submit(() -> {
                    start.await();
                    call.accept(n);
                    return null;
                });
            }
            began = System.nanoTime();
            start.countDown();
        }
        return (System.nanoTime() - began) / 1e9;
    }
}
