package io.codinspect.controlplane.sandbox.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local-process sandbox provider (the embedded default): one supervisor process per sandbox
 * on this machine; the agent, the repository's hooks and git in the clone run in bubblewrap
 * namespaces.
 *
 * @param supervisorJar the supervisor's executable jar; found under
 *     {@code sandbox-supervisor/target/} of the working folder or its parents when unset
 * @param opencodeBinary the OpenCode binary; found under {@code tools/opencode/} of the working
 *     folder or its parents when unset
 * @param java the java executable that runs supervisors; this control plane's own when unset
 * @param workspaces where sandboxes get their folders; {@code <data-dir>/sandboxes} when unset
 * @param keepWorkspaces keep a sandbox's folder after it ends (for debugging); the work itself is
 *     always on the session branch
 * @param heartbeatInterval how often supervisors send heartbeats
 * @param maxHeap heap limit of each supervisor JVM
 * @param isolation {@code bubblewrap} (the agent in its own namespaces: own processes and
 *     {@code /proc}, the host read-only, the operator's home, CodInspect's data and other
 *     sandboxes invisible; start-up fails when bubblewrap cannot run) or {@code none} (the agent
 *     runs as this control plane's user and can read its secrets; a warning on every sandbox start)
 * @param sandboxUid the unprivileged user the agent runs as when this control plane runs as root
 * @param sandboxGid its group
 * @param checkpointInterval how often a running turn's changed files are pushed as a checkpoint
 * @param repositoryRoots folders under which any user may name a repository on this machine; only
 *     admins may name one elsewhere (a local repository is served to the sandbox with push rights)
 */
@ConfigurationProperties("codinspect.sandbox.local")
public record LocalSandboxProperties(
        Path supervisorJar,
        Path opencodeBinary,
        Path java,
        Path workspaces,
        @DefaultValue("false") boolean keepWorkspaces,
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("256m") String maxHeap,
        @DefaultValue("bubblewrap") Isolation isolation,
        @DefaultValue("65534") int sandboxUid,
        @DefaultValue("65534") int sandboxGid,
        @DefaultValue("30s") Duration checkpointInterval,
        List<Path> repositoryRoots) {

    public LocalSandboxProperties {
        repositoryRoots = repositoryRoots == null ? List.of() : List.copyOf(repositoryRoots);
    }

    /** How local sandboxes are kept apart from this machine. */
    public enum Isolation {
        bubblewrap,
        none
    }
}
