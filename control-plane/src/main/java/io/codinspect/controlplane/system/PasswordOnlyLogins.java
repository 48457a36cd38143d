package io.codinspect.controlplane.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded PostgreSQL accept password logins only. zonky calls it on every start after
 * its {@code initdb} (which writes {@code trust} rules) and before it starts the server: it sets
 * the {@code postgres} role's password in single-user mode, where PostgreSQL listens on nothing,
 * then replaces {@code pg_hba.conf} with SCRAM-SHA-256 rules. So there is no moment at which the
 * server accepts a login without the password, and a data directory made by an earlier version
 * (trust, no password) is converted in place by the same step.
 *
 * <p>The password reaches PostgreSQL only as a SCRAM-SHA-256 verifier, on the single-user
 * backend's standard input: never on a command line, and never in the output this keeps.
 */
final class PasswordOnlyLogins implements Consumer<File> {

    static final String PG_HBA = """
            # Written by CodInspect on every start of its embedded PostgreSQL: edits are replaced.
            # Password (SCRAM-SHA-256) logins only, on the Unix socket and on loopback.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    /** Generous: single-user mode first replays the WAL of a server that did not stop cleanly. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static final int OUTPUT_LINES = 40;
    private static final Logger log = LoggerFactory.getLogger(PasswordOnlyLogins.class);

    private final PostgresBinaries binaries;
    private final PostgresPassword password;

    PasswordOnlyLogins(PostgresBinaries binaries, PostgresPassword password) {
        this.binaries = binaries;
        this.password = password;
    }

    @Override
    public void accept(File dataDirectory) {
        try {
            binaries.restrict();
            setPassword(dataDirectory.toPath());
            writeHba(dataDirectory.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not set up password logins in " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted setting up password logins in " + dataDirectory, e);
        }
        log.info("Embedded PostgreSQL in {} accepts password (SCRAM-SHA-256) logins only", dataDirectory);
    }

    private void setPassword(Path dataDirectory) throws IOException, InterruptedException {
        var verifier = PasswordUtil.encodeScramSha256(password.value().toCharArray());
        var process = new ProcessBuilder(binaries.command(
                        "postgres",
                        "--single",
                        "-D",
                        dataDirectory.toString(),
                        // an error ends the backend with a non-zero exit code instead of the next line
                        "-c",
                        "exit_on_error=on",
                        // and the failing statement is not echoed
                        "-c",
                        "log_min_error_statement=panic",
                        "postgres"))
                .redirectErrorStream(true)
                .start();
        var output = new ArrayDeque<String>();
        var reader = Thread.ofVirtual().start(() -> keepLastLines(process, output));
        try (var stdin = process.getOutputStream()) {
            stdin.write(("ALTER ROLE postgres PASSWORD '" + verifier + "'\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "PostgreSQL in single-user mode did not finish within " + TIMEOUT + " in " + dataDirectory);
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        if (process.exitValue() != 0) {
            String lines;
            synchronized (output) {
                lines = String.join("\n", output).replace(verifier, "***");
            }
            throw new IllegalStateException("Could not set the embedded PostgreSQL password in single-user mode (exit "
                    + process.exitValue() + ") in " + dataDirectory + ":\n" + lines);
        }
    }

    private static void keepLastLines(Process process, ArrayDeque<String> output) {
        try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    if (output.size() == OUTPUT_LINES) {
                        output.removeFirst();
                    }
                    output.addLast(line);
                }
            }
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }

    private static void writeHba(Path dataDirectory) throws IOException {
        var hba = dataDirectory.resolve("pg_hba.conf");
        var temporary = dataDirectory.resolve("pg_hba.conf.codinspect");
        Files.writeString(temporary, PG_HBA, StandardCharsets.UTF_8);
        if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, PostgresPassword.OWNER_ONLY);
        }
        Files.move(temporary, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
