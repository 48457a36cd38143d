package io.codinspect.controlplane.sandbox.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How local sandboxes are isolated: checked once at start-up, and turned into the settings the
 * supervisor applies to everything it runs in the clone (see the supervisor's {@code Bubblewrap}).
 */
final class LocalIsolation {

    private static final Logger log = LoggerFactory.getLogger(LocalIsolation.class);
    static final String UNSAFE = "codinspect.sandbox.local.isolation=none: the agent runs as this control plane's"
            + " user, can read its environment (model keys, secrets), its data directory and every other sandbox";

    /** Folders of the system itself, never hidden even when the control plane works inside one. */
    private static final List<Path> SYSTEM = List.of(
            Path.of("/usr"), Path.of("/etc"), Path.of("/bin"), Path.of("/sbin"), Path.of("/lib"), Path.of("/lib64"));

    private final LocalSandboxProperties properties;
    private final List<Path> hidden;

    LocalIsolation(LocalSandboxProperties properties, Path dataDir, Path workspaces) {
        this.properties = properties;
        var paths = new ArrayList<Path>();
        paths.add(dataDir.toAbsolutePath().normalize());
        if (!workspaces
                .toAbsolutePath()
                .normalize()
                .startsWith(dataDir.toAbsolutePath().normalize())) {
            paths.add(workspaces.toAbsolutePath().normalize());
        }
        paths.add(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize());
        // the control plane's working folder (its configuration files, the build it runs from)
        var workingFolder =
                Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        if (workingFolder.getNameCount() >= 2 && SYSTEM.stream().noneMatch(workingFolder::startsWith)) {
            paths.add(workingFolder);
        }
        this.hidden = List.copyOf(paths);
    }

    boolean isolated() {
        return properties.isolation() == LocalSandboxProperties.Isolation.bubblewrap;
    }

    /** Refuses to go on when bubblewrap cannot isolate sandboxes here (unless isolation is off). */
    void check() {
        if (!isolated()) {
            log.warn("Local sandboxes are NOT isolated ({})", UNSAFE);
            return;
        }
        var bwrap = bwrap();
        var command = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent"));
        if (!root()) {
            command.add("--unshare-user");
        }
        command.addAll(List.of(
                "--unshare-pid",
                "--ro-bind",
                "/",
                "/",
                "--dev",
                "/dev",
                "--proc",
                "/proc",
                "--perms",
                "1777",
                "--tmpfs",
                "/tmp",
                "--"));
        if (root()) { // as the sandboxes will: through setpriv, as the unprivileged uid
            command.addAll(List.of(
                    executable("setpriv").toString(),
                    "--reuid=" + properties.sandboxUid(),
                    "--regid=" + properties.sandboxGid(),
                    "--clear-groups",
                    "--inh-caps=-all",
                    "--bounding-set=-all",
                    "--no-new-privs",
                    "--"));
        }
        command.add(executable("true").toString());
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw refused("a trial sandbox did not start within 15 s");
            }
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw refused("a trial sandbox failed: " + output);
            }
        } catch (IOException e) {
            throw refused("bubblewrap could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused("interrupted");
        }
        log.info("Local sandboxes are isolated with bubblewrap{}", root() ? " as uid " + properties.sandboxUid() : "");
    }

    /** What the supervisor is told about isolation. */
    Map<String, String> environment() {
        var env = new LinkedHashMap<String, String>();
        env.put("CODINSPECT_ISOLATION", isolated() ? "bubblewrap" : "none");
        if (isolated()) {
            env.put(
                    "CODINSPECT_ISOLATION_HIDE",
                    String.join(":", hidden.stream().map(Path::toString).toList()));
            if (root()) {
                env.put("CODINSPECT_ISOLATION_UID", Integer.toString(properties.sandboxUid()));
                env.put("CODINSPECT_ISOLATION_GID", Integer.toString(properties.sandboxGid()));
            }
        }
        return env;
    }

    private static Path bwrap() {
        return executable("bwrap");
    }

    private static Path executable(String name) {
        for (var dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.startsWith("/")) {
                continue; // never a relative folder of PATH
            }
            var candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw refused(name + " is not installed ("
                + (name.equals("bwrap") ? "apt-get install bubblewrap; ./codinspect up installs it" : "util-linux")
                + ")");
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("Local sandboxes must be isolated with bubblewrap, but " + why
                + ". Fix that, or set codinspect.sandbox.local.isolation=none to run agents without isolation"
                + " (unsafe: the agent can then read this control plane's secrets).");
    }

    static boolean root() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
