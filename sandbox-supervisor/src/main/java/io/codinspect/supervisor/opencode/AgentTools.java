package io.codinspect.supervisor.opencode;

import io.codinspect.supervisor.relay.LoopbackRelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CodInspect's own tools for the agent, installed as OpenCode custom tools in the sandbox's
 * OpenCode configuration folder: {@code create-pull-request} opens or updates the session's pull
 * request through the supervisor. They import {@code @opencode-ai/plugin}, installed next to the
 * pinned OpenCode binary and linked in, so nothing is downloaded in the sandbox.
 */
public final class AgentTools {

    private static final Logger log = LoggerFactory.getLogger(AgentTools.class);

    private AgentTools() {}

    public static void install(Path opencodeBinary, Path home, LoopbackRelay relay) {
        var modules = opencodeBinary.toAbsolutePath().getParent().getParent().getParent();
        if (!Files.isRegularFile(modules.resolve("@opencode-ai/plugin/package.json"))) {
            log.warn("No @opencode-ai/plugin next to {}; the agent gets no create-pull-request tool", opencodeBinary);
            return;
        }
        var config = home.resolve(".config/opencode");
        try {
            Files.createDirectories(config.resolve("tool"));
            var link = config.resolve("node_modules");
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, modules);
            }
            var tool = config.resolve("tool/create-pull-request.ts");
            Files.writeString(tool, source(relay));
            Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Could not install the agent's tools: {}", e.toString());
        }
    }

    private static String source(LoopbackRelay relay) {
        return """
                import { tool } from "@opencode-ai/plugin"

                export default tool({
                  description:
                    "Open a pull request for this session's branch (or update the one already open) once the work is " +
                    "committed. The branch is pushed after every prompt. Returns the pull request's number and URL.",
                  args: {
                    title: tool.schema.string().describe("Pull request title, in the repository's style"),
                    body: tool.schema.string().optional().describe("What changed and why, in Markdown"),
                    baseBranch: tool.schema.string().optional().describe("Branch to merge into; the session's base by default"),
                    draft: tool.schema.boolean().optional().describe("Open as a draft"),
                  },
                  async execute(args) {
                    const response = await fetch("%s", {
                      method: "POST",
                      headers: { "content-type": "application/json", "x-key": "%s" },
                      body: JSON.stringify(args),
                      signal: AbortSignal.timeout(90000),
                    })
                    const text = await response.text()
                    if (!response.ok) throw new Error("The pull request could not be opened: " + text)
                    const pr = JSON.parse(text)
                    return `Pull request #${pr.number} is ${pr.state}: ${pr.url}`
                  },
                })
                """.formatted(relay.url("/pull-request"), relay.key());
    }
}
