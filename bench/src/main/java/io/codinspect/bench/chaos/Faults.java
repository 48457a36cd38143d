package io.codinspect.bench.chaos;

import io.codinspect.testkit.net.TcpProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Injects faults on a schedule: first every kind once, then random kinds (control-plane restarts
 * at most every {@code restartEvery}, one bridge stall at a time) until the time is up. Every
 * fault is logged with when it happened; supervisor kills also with the session they hit.
 */
final class Faults {

    /** One injected fault. */
    record Injected(Fault kind, long atNanos, UUID session) {}

    private final Random random;
    private final TcpProxy bridge;
    private final ControlPlaneProcess controlPlane;
    private final List<SessionDriver> sessions;
    private final Path sandboxes;
    private final String databaseUrl;
    private final Duration restartEvery;
    private final List<Injected> injected = new CopyOnWriteArrayList<>();
    private final Map<Fault, Integer> counts = new ConcurrentHashMap<>();
    private volatile long stallEndsNanos;
    private volatile Thread restarting;
    private volatile Exception restartFailure;
    private long lastRestartNanos = System.nanoTime();

    Faults(
            long seed,
            TcpProxy bridge,
            ControlPlaneProcess controlPlane,
            List<SessionDriver> sessions,
            Path sandboxes,
            String databaseUrl,
            Duration restartEvery) {
        this.random = new Random(seed);
        this.bridge = bridge;
        this.controlPlane = controlPlane;
        this.sessions = sessions;
        this.sandboxes = sandboxes;
        this.databaseUrl = databaseUrl;
        this.restartEvery = restartEvery;
    }

    List<Injected> injected() {
        return List.copyOf(injected);
    }

    Map<Fault, Integer> counts() {
        var all = new EnumMap<Fault, Integer>(Fault.class);
        for (var kind : Fault.values()) {
            all.put(kind, counts.getOrDefault(kind, 0));
        }
        return all;
    }

    /** Every kind once, first, whatever the deadline: the cheap ones, then the restarts with a stall between. */
    private static final List<Fault> FIRST = List.of(
            Fault.bridgeCut,
            Fault.watcherDrop,
            Fault.databaseDrop,
            Fault.supervisorKill,
            Fault.controlPlaneTerm,
            Fault.bridgeStall,
            Fault.controlPlaneKill);

    /**
     * Injects every kind of fault once, then random ones until {@code deadlineNanos}, waiting
     * {@code gap} (randomised) between them.
     */
    void run(long deadlineNanos, Duration gap) throws Exception {
        for (var kind : FIRST) {
            if (kind == Fault.controlPlaneKill) {
                awaitRestarts(); // the SIGTERM restart just before
            }
            inject(kind);
            while (kind == Fault.supervisorKill && counts.getOrDefault(kind, 0) == 0) {
                Api.pause(Duration.ofMillis(500)); // until a supervisor runs that it can hit
                inject(kind);
            }
            Api.pause(jitter(gap));
        }
        while (System.nanoTime() < deadlineNanos) {
            inject(next());
            Api.pause(jitter(gap));
        }
    }

    private Fault next() {
        var now = System.nanoTime();
        while (true) {
            var roll = random.nextInt(100);
            Fault kind;
            if (roll < 30) {
                kind = Fault.bridgeCut;
            } else if (roll < 50) {
                kind = Fault.watcherDrop;
            } else if (roll < 65) {
                kind = Fault.databaseDrop;
            } else if (roll < 82) {
                kind = Fault.supervisorKill;
            } else if (roll < 90) {
                kind = Fault.bridgeStall;
            } else {
                kind = random.nextBoolean() ? Fault.controlPlaneTerm : Fault.controlPlaneKill;
            }
            if (kind == Fault.bridgeStall && now < stallEndsNanos) {
                continue;
            }
            if ((kind == Fault.controlPlaneTerm || kind == Fault.controlPlaneKill)
                    && (now - lastRestartNanos < restartEvery.toNanos() || restarting())) {
                continue;
            }
            return kind;
        }
    }

    private void inject(Fault kind) throws Exception {
        UUID session = null;
        switch (kind) {
            case bridgeCut -> {
                bridge.cut();
                Thread.ofVirtual().start(() -> {
                    Api.pause(Duration.ofMillis(300 + random.nextInt(1700)));
                    bridge.restore();
                });
            }
            case bridgeStall -> {
                var length = Duration.ofSeconds(20 + random.nextInt(21));
                stallEndsNanos = System.nanoTime() + length.toNanos();
                bridge.stallFor(length);
            }
            case watcherDrop ->
                sessions.get(random.nextInt(sessions.size())).watcher().drop();
            case supervisorKill -> session = killASupervisor();
            case controlPlaneTerm, controlPlaneKill -> restart(kind);
            case databaseDrop -> dropDatabaseConnections();
        }
        if (kind == Fault.supervisorKill && session == null) {
            return; // no supervisor was running: nothing was injected
        }
        injected.add(new Injected(kind, System.nanoTime(), session));
        counts.merge(kind, 1, Integer::sum);
    }

    /**
     * Restarts the control plane on its own thread, so that other faults go on meanwhile; one
     * restart at a time, the next not before {@code restartEvery} after this one began.
     */
    private void restart(Fault kind) {
        lastRestartNanos = System.nanoTime();
        restarting = Thread.ofVirtual().name("restart").start(() -> {
            try {
                if (kind == Fault.controlPlaneKill) {
                    controlPlane.kill();
                } else {
                    controlPlane.stop();
                }
                controlPlane.start();
            } catch (Exception e) {
                restartFailure = e;
            }
        });
    }

    /** Waits for a restart under way; fails if one could not start the control plane again. */
    void awaitRestarts() throws Exception {
        var thread = restarting;
        if (thread != null) {
            thread.join();
        }
        if (restartFailure != null) {
            throw restartFailure;
        }
    }

    /** SIGKILL of the supervisor of a session's newest sandbox, if it is running; the session it hit. */
    private UUID killASupervisor() {
        var shuffled = new ArrayList<>(sessions);
        java.util.Collections.shuffle(shuffled, random);
        for (var session : shuffled) {
            var sandbox = session.currentSandbox();
            if (sandbox == null) {
                continue;
            }
            var folder = sandboxes.resolve(sandbox).toAbsolutePath().normalize();
            var supervisor = ProcessHandle.allProcesses()
                    .filter(p -> folder.equals(cwd(p)))
                    .filter(p -> p.info().commandLine().orElse("").contains("-jar"))
                    .findFirst();
            if (supervisor.isPresent()) {
                supervisor.get().destroyForcibly();
                return session.id();
            }
        }
        return null;
    }

    private void dropDatabaseConnections() throws SQLException {
        controlPlane.disturbed();
        var database = databaseUrl.replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
        try (var con = DriverManager.getConnection(databaseUrl, "postgres", "");
                var st = con.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where datname = ? and pid <> pg_backend_pid()")) {
            st.setString(1, database);
            st.execute();
        }
    }

    private static Path cwd(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
                    .normalize();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private boolean restarting() {
        var thread = restarting;
        return thread != null && thread.isAlive();
    }

    private Duration jitter(Duration gap) {
        return Duration.ofMillis(gap.toMillis() / 2 + random.nextInt((int) Math.max(1, gap.toMillis())));
    }
}
