package io.codinspect.supervisor.boundary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bubblewrap command line that puts a program in its own namespaces: own PID namespace and
 * {@code /proc}, own user, IPC, UTS and cgroup namespaces, the host's root read-only, {@code /tmp},
 * {@code /run}, {@code /home}, {@code /var/tmp} and every hidden folder (the operator's home and
 * working folder, {@code /root}, CodInspect's data
 * directory with the other sandboxes) replaced by empty tmpfs, only the sandbox's own folders
 * writable, every capability dropped, nothing of the caller's environment, and the network shared.
 * When the supervisor runs as root, bubblewrap sets the namespaces up as root (so it can reach the
 * sandbox's folders wherever they are) and the program is started through {@code setpriv} as an
 * unprivileged uid with no capabilities, an empty bounding set and {@code no_new_privs}; otherwise
 * bubblewrap runs in a new user namespace as the caller. A pure function of its settings.
 *
 * @param executable the bwrap binary
 * @param setpriv the setpriv binary, by its absolute path (it runs as root inside), when {@code uid} is set
 * @param hidden folders replaced by an empty tmpfs (those that do not exist are skipped)
 * @param writable the sandbox's own folders, bound read-write at the same paths
 * @param readOnly folders bound back read-only inside hidden ones (e.g. the OpenCode install)
 * @param uid the unprivileged user to run as when the caller is root, or null to stay the caller's
 *     (non-root) user
 * @param gid its group
 */
public record Bubblewrap(
        Path executable,
        Path setpriv,
        List<Path> hidden,
        List<Path> writable,
        List<Path> readOnly,
        Integer uid,
        Integer gid) {

    /** Always hidden, whatever the settings: other users' secrets and sockets live there. */
    static final List<Path> ALWAYS_HIDDEN =
            List.of(Path.of("/tmp"), Path.of("/run"), Path.of("/root"), Path.of("/home"), Path.of("/var/tmp"));

    public Bubblewrap {
        hidden = List.copyOf(hidden);
        writable = List.copyOf(writable);
        readOnly = List.copyOf(readOnly);
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The full command: bwrap (under setpriv when dropping to {@code uid}), its options, then {@code command}. */
    List<String> wrap(List<String> command, Path dir) {
        var args = new ArrayList<String>();
        args.add(executable.toString());
        args.addAll(List.of("--die-with-parent", "--new-session"));
        if (uid == null) {
            args.add("--unshare-user");
        }
        args.addAll(List.of(
                "--unshare-pid",
                "--unshare-ipc",
                "--unshare-uts",
                "--unshare-cgroup-try",
                "--hostname",
                "sandbox",
                "--ro-bind",
                "/",
                "/",
                "--dev",
                "/dev",
                "--proc",
                "/proc"));
        var tmpfs = new ArrayList<Path>(ALWAYS_HIDDEN);
        hidden.stream().map(p -> p.toAbsolutePath().normalize()).forEach(tmpfs::add);
        var mounted = tmpfs.stream()
                .distinct()
                .filter(p -> p.equals(Path.of("/tmp")) || Files.isDirectory(p))
                .sorted(Comparator.comparingInt(Path::getNameCount)) // parents before what is inside them
                .toList();
        for (var p : mounted) {
            if (p.equals(Path.of("/tmp"))) {
                args.addAll(List.of("--perms", "1777")); // a private /tmp everyone in the sandbox may write
            }
            args.addAll(List.of("--tmpfs", p.toString()));
        }
        // folders on the way to what is bound back into a tmpfs: traversable by the sandbox's user
        var made = new java.util.HashSet<Path>();
        for (var target : concat(readOnly, writable)) {
            for (var ancestor = target.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
                var inside = ancestor;
                if (mounted.stream().anyMatch(m -> inside.startsWith(m) && !inside.equals(m))) {
                    made.add(ancestor);
                }
            }
        }
        made.stream()
                .sorted(Comparator.comparingInt(Path::getNameCount))
                .forEach(p -> args.addAll(List.of("--perms", "0755", "--dir", p.toString())));
        readOnly.stream() // what does not exist yet (the agent's configuration, before it is written) is left out
                .filter(Files::exists)
                .forEach(p -> args.addAll(List.of("--ro-bind", p.toString(), p.toString())));
        writable.forEach(p -> args.addAll(List.of("--bind", p.toString(), p.toString())));
        if (uid == null) {
            args.addAll(List.of("--cap-drop", "ALL"));
        }
        // the program's environment is bwrap's own, set by the caller: never on the command line,
        // which any local user can read in ps (it holds the agent token and OpenCode's password)
        args.addAll(List.of("--chdir", dir.toString(), "--"));
        if (uid != null) {
            args.addAll(List.of(
                    setpriv.toString(),
                    "--reuid=" + uid,
                    "--regid=" + (gid == null ? uid : gid),
                    "--clear-groups",
                    "--inh-caps=-all",
                    "--bounding-set=-all",
                    "--no-new-privs",
                    "--"));
        }
        args.addAll(command);
        return args;
    }
}
