package io.codinspect.supervisor.boundary;

import io.codinspect.supervisor.SupervisorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs run as child processes on this machine: inside bubblewrap namespaces (the local
 * provider's default), or as plain children of the supervisor when isolation is off
 * ({@code codinspect.sandbox.local.isolation=none}, which the control plane warns about).
 */
public final class LocalBoundary implements Boundary {

    private static final Logger log = LoggerFactory.getLogger(LocalBoundary.class);
    /** How long a launched program's output is still read after it exited. */
    private static final Duration OUTPUT_AFTER_EXIT = Duration.ofSeconds(2);

    private final Bubblewrap bubblewrap;
    private final Map<String, String> baseEnv;

    private LocalBoundary(Bubblewrap bubblewrap, Map<String, String> inheritedEnv) {
        this.bubblewrap = bubblewrap;
        var base = new HashMap<>(inheritedEnv);
        Command.scrub(base);
        this.baseEnv = Map.copyOf(base);
    }

    /** Plain child processes with the supervisor's environment minus its own settings. */
    public static LocalBoundary none(Map<String, String> inheritedEnv) {
        return new LocalBoundary(null, inheritedEnv);
    }

    public static LocalBoundary bubblewrap(Bubblewrap bubblewrap, Map<String, String> inheritedEnv) {
        return new LocalBoundary(bubblewrap, inheritedEnv);
    }

    @Override
    public Command.Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        return Command.run(builder(command, dir, env), timeout);
    }

    @Override
    public Launched launch(List<String> command, Path dir, Map<String, String> env, Consumer<String> output) {
        var builder = builder(command, dir, env).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new SupervisorException("Could not start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        var drained = new CompletableFuture<Void>();
        Thread.ofVirtual().name("launched-output").start(() -> {
            drain(process, output);
            drained.complete(null);
        });
        // exited once its output is read to the end too (or shortly after, if a descendant keeps it open)
        var exited = process.onExit()
                .thenCompose(p -> drained.completeOnTimeout(null, OUTPUT_AFTER_EXIT.toMillis(), TimeUnit.MILLISECONDS)
                        .thenApply(v -> p.exitValue()));
        return new Launched() {
            @Override
            public CompletableFuture<Integer> exited() {
                return exited;
            }

            @Override
            public void stop(Duration grace) {
                if (!process.isAlive()) {
                    return;
                }
                var tree = process.descendants().toList();
                tree.forEach(ProcessHandle::destroy);
                process.destroy();
                try {
                    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                        Command.killTree(process);
                    }
                } catch (InterruptedException e) {
                    Command.killTree(process);
                    Thread.currentThread().interrupt();
                }
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        };
    }

    @Override
    public void handOver(Path path) {
        if (bubblewrap == null || bubblewrap.uid() == null) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.forEach(p -> {
                try {
                    Files.setAttribute(p, "unix:uid", bubblewrap.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(
                            p,
                            "unix:gid",
                            bubblewrap.gid() == null ? bubblewrap.uid() : bubblewrap.gid(),
                            LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new SupervisorException("Could not give " + path + " to the sandbox's user: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        if (bubblewrap == null) {
            return "no isolation (child processes of the supervisor)";
        }
        return "bubblewrap" + (bubblewrap.uid() == null ? "" : " as uid " + bubblewrap.uid());
    }

    private ProcessBuilder builder(List<String> command, Path dir, Map<String, String> extra) {
        var env = new HashMap<>(baseEnv);
        env.putAll(extra);
        ProcessBuilder builder;
        if (bubblewrap == null) {
            builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().putAll(env);
        } else {
            builder = new ProcessBuilder(bubblewrap.wrap(command, dir));
            builder.environment().clear(); // bwrap passes exactly this on to the program
            builder.environment().putAll(env);
        }
        return builder.directory(dir.toFile());
    }

    private static void drain(Process process, Consumer<String> output) {
        try (var in = process.getInputStream()) {
            BoundedLines.read(in, output);
        } catch (IOException e) {
            log.debug("Output ended: {}", e.toString());
        }
    }
}
