package io.codinspect.supervisor.opencode;

import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.workspace.Command;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code opencode serve} process for the sandbox: its own HOME and XDG folders, a generated
 * configuration file, a random server password, and loopback only. Its output goes to
 * {@code opencode.log} in the sandbox home.
 */
public final class OpencodeServer {

    private static final Logger log = LoggerFactory.getLogger(OpencodeServer.class);
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:[0-9]+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path repo;
    private final Path home;
    private final String config;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    private Process process;

    public OpencodeServer(Path binary, Path repo, Path home, String config) {
        this.binary = binary;
        this.repo = repo;
        this.home = home;
        this.config = config;
    }

    /** Starts the server and waits until it is healthy; returns a client for it. */
    public OpencodeClient start() {
        if (!Files.isExecutable(binary)) {
            throw new SupervisorException("The OpenCode binary is missing at " + binary
                    + "; run the build (it installs the pinned version into tools/opencode).");
        }
        var configFile = writeConfig();
        var builder = new ProcessBuilder(binary.toString(), "serve", "--port", "0", "--hostname", "127.0.0.1")
                .directory(repo.toFile())
                .redirectErrorStream(true);
        var env = builder.environment();
        Command.scrub(env);
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
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SupervisorException("Could not start OpenCode: " + e.getMessage(), e);
        }
        var address = new CompletableFuture<String>();
        Thread.ofVirtual().name("opencode-output").start(() -> drain(process, address));
        String baseUrl;
        try {
            baseUrl = address.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            stop();
            throw new SupervisorException("OpenCode did not start within " + START_TIMEOUT.toSeconds() + " s; see "
                    + home.resolve("opencode.log"));
        }
        var client = new OpencodeClient(baseUrl, password);
        client.awaitHealthy(Duration.ofSeconds(30));
        log.info("OpenCode is up at {} (pid {})", baseUrl, process.pid());
        return client;
    }

    /** Completes when the process exits, for whatever reason. */
    public CompletableFuture<Process> exited() {
        return process.onExit();
    }

    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                Command.killTree(process);
            }
        } catch (InterruptedException e) {
            Command.killTree(process);
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the configuration where only this sandbox's user can read it (it may hold provider keys). */
    private Path writeConfig() {
        try {
            var dir = Files.createDirectories(home.resolve(".config/codinspect"));
            var file = dir.resolve("opencode.json");
            Files.writeString(
                    file,
                    config,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            return file;
        } catch (IOException e) {
            throw new SupervisorException("Could not write OpenCode's configuration: " + e.getMessage(), e);
        }
    }

    private void drain(Process process, CompletableFuture<String> address) {
        var logFile = home.resolve("opencode.log");
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var out = Files.newBufferedWriter(
                        logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            String line;
            while ((line = in.readLine()) != null) {
                var matcher = LISTENING.matcher(line);
                if (!address.isDone() && matcher.find()) {
                    address.complete(matcher.group(1));
                }
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            log.debug("OpenCode output ended: {}", e.toString());
        }
        address.completeExceptionally(new IllegalStateException("OpenCode exited before listening"));
    }
}
