package io.codinspect.supervisor.opencode;

import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.boundary.Boundary;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * One {@code opencode serve} process for the sandbox: its own HOME and XDG folders, a generated
 * configuration file, a random server password, and loopback only, inside the agent's
 * {@link Boundary}. Its output goes to {@code opencode.log} beside the supervisor's own log.
 */
public final class OpencodeServer {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:[0-9]+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path repo;
    private final Path home;
    private final String config;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    private final Boundary boundary;
    private final Path logFile;
    private volatile Boundary.Launched process;

    private final Path configFile;
    private volatile boolean configWritten;

    /**
     * @param logFile where OpenCode's output goes (outside the agent's folders)
     * @param configFile where its configuration is written, once
     */
    public OpencodeServer(
            Path binary, Path repo, Path home, String config, Boundary boundary, Path logFile, Path configFile) {
        this.configFile = configFile;
        this.binary = binary;
        this.repo = repo;
        this.home = home;
        this.config = config;
        this.boundary = boundary;
        this.logFile = logFile;
    }

    /** Starts the server and waits until it is healthy; returns a client for it. */
    public OpencodeClient start() {
        if (!Files.isExecutable(binary)) {
            throw new SupervisorException("The OpenCode binary is missing at " + binary
                    + "; run the build (it installs the pinned version into tools/opencode).");
        }
        var configFile = writeConfig();
        var env = new HashMap<String, String>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        for (var flag :
                new String[] {"AUTOUPDATE", "MODELS_FETCH", "SHARE", "LSP_DOWNLOAD", "DEFAULT_PLUGINS", "CLAUDE_CODE"
                }) {
            env.put("OPENCODE_DISABLE_" + flag, "1");
        }
        env.put("OPENCODE_SERVER_PASSWORD", password);
        env.put("OPENCODE_CONFIG", configFile.toString());
        var address = new CompletableFuture<String>();
        var log = openLog();
        process = boundary.launch(
                List.of(binary.toString(), "serve", "--port", "0", "--hostname", "127.0.0.1"),
                repo,
                env,
                line -> output(line, address, log));
        process.exited().whenComplete((code, failure) -> {
            address.completeExceptionally(new IllegalStateException("OpenCode exited before listening"));
            closeQuietly(log);
        });
        String baseUrl;
        try {
            baseUrl = address.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            stop();
            throw new SupervisorException("OpenCode exited before it was ready; see " + logFile);
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            stop();
            throw new SupervisorException(
                    "OpenCode did not start within " + START_TIMEOUT.toSeconds() + " s; see " + logFile);
        }
        var client = new OpencodeClient(baseUrl, password);
        client.awaitHealthy(Duration.ofSeconds(30));
        LoggerFactory.getLogger(OpencodeServer.class).info("OpenCode is up at {} ({})", baseUrl, boundary.describe());
        return client;
    }

    /** Completes when the process exits, for whatever reason. */
    public CompletableFuture<Integer> exited() {
        return process.exited();
    }

    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(5));
        }
    }

    /**
     * Writes the configuration once (restarts reuse it), readable by the sandbox's user only (it
     * may hold provider keys): to a temporary file beside it, moved into place, so that a link
     * planted at the file's name is replaced, never followed.
     */
    private Path writeConfig() {
        if (configWritten) {
            return configFile;
        }
        try {
            var dir = Files.createDirectories(configFile.getParent());
            var temporary = Files.createTempFile(
                    dir,
                    ".opencode-",
                    ".json",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, config, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            boundary.handOver(temporary);
            Files.move(temporary, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            configWritten = true;
            return configFile;
        } catch (IOException e) {
            throw new SupervisorException("Could not write OpenCode's configuration: " + e.getMessage(), e);
        }
    }

    private static void output(String line, CompletableFuture<String> address, Writer log) {
        var matcher = LISTENING.matcher(line);
        if (!address.isDone() && matcher.find()) {
            address.complete(matcher.group(1));
        }
        if (log == null) {
            return;
        }
        try {
            synchronized (log) {
                log.write(line);
                log.write('\n');
                log.flush();
            }
        } catch (IOException e) {
            // the log is best effort; the agent keeps running
        }
    }

    /** OpenCode's output goes to {@code opencode.log} in the supervisor's own folder, out of the agent's reach. */
    private Writer openLog() {
        try {
            Files.createDirectories(logFile.getParent());
            return Files.newBufferedWriter(
                    logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            LoggerFactory.getLogger(OpencodeServer.class).warn("Cannot write {}: {}", logFile, e.toString());
            return null;
        }
    }

    private static void closeQuietly(Writer log) {
        if (log == null) {
            return;
        }
        try {
            synchronized (log) {
                log.close();
            }
        } catch (IOException e) {
            // already closed
        }
    }
}
