package io.codinspect.supervisor.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs in the bubblewrap boundary, as an agent would probe it (needs the Debian package bubblewrap). */
class BubblewrapTest {

    private static final boolean ROOT = "0".equals(uid());

    @TempDir
    Path dir;

    @Test
    void theAgentSeesOnlyItsOwnFoldersProcessesAndEnvironment() throws Exception {
        var data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("postgres.password"), "secret-of-the-control-plane");
        var other = Files.createDirectories(data.resolve("sandboxes/other/repo"));
        Files.writeString(other.resolve("theirs.txt"), "another session's work");
        var mine = Files.createDirectories(data.resolve("sandboxes/mine/repo"));
        var home = Files.createDirectories(data.resolve("sandboxes/mine/home"));
        var boundary = boundary(List.of(data), List.of(mine, home));
        boundary.handOver(mine);
        boundary.handOver(home);
        var secret = Files.writeString(mine.resolve("supervisor-only.txt"), "only the supervisor reads this");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

        var probe = boundary.run(
                List.of(
                        "bash",
                        "-c",
                        "echo uid=$(id -u); grep CapEff /proc/self/status; echo pids=$(ls /proc | grep -c '^[0-9]');"
                                + " cat /proc/*/environ | tr '\\0' '\\n' | grep -c CODINSPECT_;"
                                + " ls " + data + " " + data.resolve("sandboxes") + ";"
                                + " cat " + data.resolve("postgres.password") + " " + other.resolve("theirs.txt")
                                + " " + secret + ";"
                                + " echo written > " + mine.resolve("agent.txt") + "; echo HOME=$HOME;"
                                + " echo scratch > /tmp/scratch && echo tmp=$(cat /tmp/scratch)"),
                mine,
                Map.of("HOME", home.toString()),
                Duration.ofSeconds(20));

        var out = probe.tailText();
        assertThat(out)
                .contains("CapEff:\t0000000000000000")
                .contains("HOME=" + home)
                .contains("tmp=scratch");
        assertThat(out).doesNotContain("secret-of-the-control-plane").doesNotContain("another session's work");
        assertThat(out).contains(data + ":\nsandboxes\n").contains(data.resolve("sandboxes") + ":\nmine\n");
        assertThat(out).containsPattern("(?m)^0$"); // no CODINSPECT_ variable in any visible process
        assertThat(Integer.parseInt(out.replaceAll("(?s).*pids=(\\d+).*", "$1")))
                .isLessThan(6);
        assertThat(mine.resolve("agent.txt")).hasContent("written");
        assertThat(System.getenv("CODINSPECT_SANDBOX_TOKEN"))
                .as("set by surefire, as a provider does")
                .isNotBlank();
        if (ROOT) {
            assertThat(out).contains("uid=65534").doesNotContain("only the supervisor reads this");
        }
    }

    @Test
    void aLaunchedProgramIsStoppedWithEverythingItStarted() throws Exception {
        var work = Files.createDirectories(dir.resolve("work"));
        var boundary = boundary(List.of(), List.of(work));
        boundary.handOver(work);
        var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var launched =
                boundary.launch(List.of("bash", "-c", "sleep 300 & echo started; wait"), work, Map.of(), lines::add);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("started"));
        launched.stop(Duration.ofSeconds(2));
        assertThat(launched.exited()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains("sleep 300")))
                .isEmpty();
    }

    @Test
    void theProgramsEnvironmentIsNeverOnACommandLineOtherLocalUsersCanRead() throws Exception {
        var work = Files.createDirectories(dir.resolve("env"));
        var boundary = boundary(List.of(), List.of(work));
        boundary.handOver(work);
        var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var launched = boundary.launch(
                List.of("bash", "-c", "echo seen=$AGENT_SECRET; sleep 300"),
                work,
                Map.of("AGENT_SECRET", "cia_command-line-canary"),
                lines::add);
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> lines.contains("seen=cia_command-line-canary"));
            assertThat(ProcessHandle.allProcesses()
                            .filter(p -> p.info().commandLine().orElse("").contains("cia_command-line-canary")))
                    .isEmpty();
        } finally {
            launched.stop(Duration.ofSeconds(2));
        }
    }

    private static LocalBoundary boundary(List<Path> hidden, List<Path> writable) {
        return LocalBoundary.bubblewrap(
                new Bubblewrap(
                        Path.of("/usr/bin/bwrap"),
                        ROOT ? Path.of("/usr/bin/setpriv") : null,
                        hidden,
                        writable,
                        List.of(),
                        ROOT ? 65534 : null,
                        ROOT ? 65534 : null),
                System.getenv());
    }

    private static String uid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
