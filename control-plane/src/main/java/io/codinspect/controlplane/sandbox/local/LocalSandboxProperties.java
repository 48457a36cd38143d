package io.codinspect.controlplane.sandbox.local;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local-process sandbox provider (the embedded default): one supervisor process per sandbox
 * on this machine.
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
 * @param stopGrace how long a stopping supervisor may take before it is killed
 * @param maxHeap heap limit of each supervisor JVM
 */
@ConfigurationProperties("codinspect.sandbox.local")
public record LocalSandboxProperties(
        Path supervisorJar,
        Path opencodeBinary,
        Path java,
        Path workspaces,
        @DefaultValue("false") boolean keepWorkspaces,
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("10s") Duration stopGrace,
        @DefaultValue("256m") String maxHeap) {}
