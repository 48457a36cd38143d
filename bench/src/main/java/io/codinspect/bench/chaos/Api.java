package io.codinspect.bench.chaos;

import io.codinspect.testkit.ApiClient;
import java.time.Duration;
import java.util.function.Supplier;

/** API calls that outlast the faults: retried while the control plane restarts or its database drops. */
final class Api {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private Api() {}

    /** Retries {@code call} until it answers with a status below 500, or the patience is over. */
    static ApiClient.Response call(Supplier<ApiClient.Response> call) {
        var deadline = System.nanoTime() + PATIENCE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                var response = call.get();
                if (response.status() < 500) {
                    return response;
                }
            } catch (RuntimeException e) {
                last = e; // the control plane is down or restarting
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("the control plane did not answer for " + PATIENCE, last);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration); // the harness paces itself between calls and faults
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
