package io.codinspect.slackbot;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the bot works on what Slack sent once Slack has had its answer (Slack wants one within
 * 3 s). Bounded: at most {@code concurrency} at once on virtual threads and {@code queued}
 * waiting; beyond that a task is refused and logged, and Slack is answered 503 (it sends an
 * event again later; a click shows its clicker that it failed).
 */
final class Work implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Work.class);

    private final ThreadPoolExecutor executor;

    Work(int concurrency, int queued) {
        this.executor = new ThreadPoolExecutor(
                concurrency,
                concurrency,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queued),
                Thread.ofVirtual().name("slack-work-", 0).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code task} later; false when the bot is too busy to take it. */
    boolean submit(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Slack work {} failed", what, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn(
                    "Slack work {} refused: {} running, {} waiting",
                    what,
                    executor.getActiveCount(),
                    executor.getQueue().size());
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
