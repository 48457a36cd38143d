package io.codinspect.controlplane.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's superuser password, kept in a file only its owner can read
 * ({@code 0600}). Generated on the first start and reused on every later one; an empty file is
 * treated as missing. {@link #toString()} never shows it, so it cannot slip into a log line.
 *
 * @param value the password itself
 */
record PostgresPassword(String value) {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Logger log = LoggerFactory.getLogger(PostgresPassword.class);

    /** The password in {@code file}, or a new random one written there first. */
    static PostgresPassword loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file);
            var stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!stored.isEmpty()) {
                return new PostgresPassword(stored);
            }
            log.warn("Password file {} is empty; generating a new password", file);
        }
        var password = new PostgresPassword(Secrets.generate(""));
        write(file, password.value());
        log.info("Generated the embedded PostgreSQL password into {}", file);
        return password;
    }

    /**
     * Written to a temporary file that is owner-only from its creation, then moved into place, so
     * the password is never readable by others and never half-written under its final name.
     */
    private static void write(Path file, String password) throws IOException {
        var temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try (var channel = posix(file)
                ? FileChannel.open(
                        temporary,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(password + "\n"));
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Another process is writing " + temporary, e);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A password file with other permissions (copied, restored from a backup) is narrowed again. */
    private static void restrict(Path file) throws IOException {
        if (posix(file)) {
            var permissions = Files.getPosixFilePermissions(file);
            if (!permissions.equals(OWNER_ONLY)) {
                log.warn(
                        "Password file {} had permissions {}; setting them to rw------- (0600)",
                        file,
                        PosixFilePermissions.toString(permissions));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "PostgresPassword[***]";
    }
}
