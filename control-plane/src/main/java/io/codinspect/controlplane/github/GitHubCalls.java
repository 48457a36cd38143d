package io.codinspect.controlplane.github;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a call to GitHub with a hard timeout, turning failures into {@link GitHubException}. */
final class GitHubCalls {

    interface Call<T> {
        T run() throws IOException;
    }

    private GitHubCalls() {}

    static <T> T within(Duration timeout, String what, Call<T> call) {
        var future = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return call.run();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                Thread::startVirtualThread);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new GitHubException("GitHub did not answer " + what + " within " + timeout.toSeconds() + " s", false);
        } catch (ExecutionException e) {
            var cause = e.getCause() instanceof java.io.UncheckedIOException io ? io.getCause() : e.getCause();
            throw new GitHubException(
                    "GitHub refused " + what + ": " + cause.getClass().getSimpleName(),
                    cause instanceof java.io.FileNotFoundException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException("interrupted while calling GitHub", false);
        }
    }
}
