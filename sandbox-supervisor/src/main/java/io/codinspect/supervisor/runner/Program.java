package io.codinspect.supervisor.runner;

import io.codinspect.supervisor.boundary.Boundary;
import io.codinspect.supervisor.boundary.RunnerProtocol;
import java.time.Duration;

/** A program the runner launched: its process and the output the supervisor has still to read. */
final class Program {

    private final String id;
    private final Boundary.Launched launched;
    private final OutputBuffer output;

    Program(String id, Boundary.Launched launched, OutputBuffer output) {
        this.id = id;
        this.launched = launched;
        this.output = output;
        launched.exited().whenComplete((code, failure) -> output.exited(code == null ? -1 : code));
    }

    String id() {
        return id;
    }

    OutputBuffer output() {
        return output;
    }

    boolean exited() {
        return output.hasExited();
    }

    /** SIGTERM to the program and everything it started, SIGKILL after {@code grace}; waits for the exit. */
    RunnerProtocol.Output stop(Duration grace) throws InterruptedException {
        launched.stop(grace);
        return new RunnerProtocol.Output(java.util.List.of(), 0, 0, output.awaitExit(Duration.ofSeconds(5)));
    }
}
