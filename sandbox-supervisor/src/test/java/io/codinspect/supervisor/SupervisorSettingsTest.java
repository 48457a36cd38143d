package io.codinspect.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisorSettingsTest {

    private static Map<String, String> env() {
        var env = new HashMap<String, String>();
        env.put("CODINSPECT_SANDBOX_ID", "s1");
        env.put("CODINSPECT_SESSION_ID", "x1");
        env.put("CODINSPECT_BRIDGE_URL", "ws://127.0.0.1:1/bridge/s1");
        env.put("CODINSPECT_REPOSITORY", "/tmp/repo");
        env.put("CODINSPECT_BRANCH", "codinspect/x1");
        env.put("CODINSPECT_WORKSPACE", "/tmp/ws");
        env.put("CODINSPECT_OPENCODE_BIN", "/tmp/opencode");
        return env;
    }

    @Test
    void secretsComeFromStandardInputWhenAskedSoThatTheyStayOutOfTheEnvironment() {
        var env = env();
        env.put("CODINSPECT_SECRETS_FROM", "stdin");
        var settings = SupervisorSettings.fromEnvironment(
                env,
                () -> "{\"sandboxToken\":\"cis_abc\",\"opencodeConfig\":\"{\\\"model\\\":\\\"a/b\\\"}\","
                        + "\"checkpointKey\":\"a2V5\"}");
        assertThat(settings.sandboxToken()).isEqualTo("cis_abc");
        assertThat(settings.opencodeConfig()).isEqualTo("{\"model\":\"a/b\"}");
        assertThat(settings.baseBranch()).isEqualTo("main");
        assertThat(settings.bootMode()).isEqualTo(BootMode.fresh);
        assertThat(settings.checkpointKey()).isEqualTo("a2V5");
        assertThat(settings.toString()).doesNotContain("cis_abc").doesNotContain("a2V5");
    }

    @Test
    void theEgressProxyIsASecretFromStandardInputAndAMalformedOneIsRefusedWithoutShowingIt() {
        var env = env();
        env.put("CODINSPECT_SECRETS_FROM", "stdin");
        var settings = SupervisorSettings.fromEnvironment(
                env, () -> "{\"sandboxToken\":\"cis_abc\",\"egressProxy\":\"http://sandbox:cia_x@127.0.0.1:8090\"}");
        assertThat(settings.egressProxy()).isEqualTo("http://sandbox:cia_x@127.0.0.1:8090");
        assertThat(settings.toString()).doesNotContain("cia_x");
        assertThat(SupervisorSettings.fromEnvironment(env, () -> "{\"sandboxToken\":\"cis_abc\"}")
                        .egressProxy())
                .isEmpty();

        var inline = env();
        inline.put("CODINSPECT_SANDBOX_TOKEN", "cis_x");
        inline.put("CODINSPECT_EGRESS_PROXY", "socks5://sandbox:cia_y@proxy");
        assertThatThrownBy(() -> SupervisorSettings.fromEnvironment(inline, () -> null))
                .hasMessage("CODINSPECT_EGRESS_PROXY is not an http://host:port URL")
                .hasMessageNotContaining("cia_y");
    }

    @Test
    void missingOrMalformedSettingsAreNamed() {
        var env = env();
        env.remove("CODINSPECT_BRANCH");
        assertThatThrownBy(() -> SupervisorSettings.fromEnvironment(env, () -> null))
                .hasMessageContaining("CODINSPECT_SANDBOX_TOKEN");
        env.put("CODINSPECT_SANDBOX_TOKEN", "cis_x");
        assertThatThrownBy(() -> SupervisorSettings.fromEnvironment(env, () -> null))
                .hasMessage("CODINSPECT_BRANCH is not set");
        env.put("CODINSPECT_BRANCH", "b");
        env.put("SETUP_TIMEOUT_SECONDS", "ten");
        assertThatThrownBy(() -> SupervisorSettings.fromEnvironment(env, () -> null))
                .hasMessageContaining("SETUP_TIMEOUT_SECONDS must be a whole number");
        env.remove("SETUP_TIMEOUT_SECONDS");
        env.put("CODINSPECT_CHECKPOINT_KEY", "not base64!");
        assertThatThrownBy(() -> SupervisorSettings.fromEnvironment(env, () -> null))
                .hasMessage("CODINSPECT_CHECKPOINT_KEY is not base64");
        env.remove("CODINSPECT_CHECKPOINT_KEY");
        env.put("CODINSPECT_BOOT_MODE", "warm");
        assertThatThrownBy(() -> SupervisorSettings.fromEnvironment(env, () -> null))
                .hasMessageContaining("CODINSPECT_BOOT_MODE must be build, fresh, repo_image or snapshot_restore");
    }

    @Test
    void theSupervisorsLogsStayInTheSandboxFolderUnlessALogFolderIsGiven() {
        var env = env();
        env.put("CODINSPECT_SANDBOX_TOKEN", "cis_x");
        assertThat(SupervisorSettings.fromEnvironment(env, () -> null).logDir())
                .isEqualTo(java.nio.file.Path.of("/tmp/ws"));

        env.put("CODINSPECT_LOG_DIR", "/var/log/codinspect");
        var settings = SupervisorSettings.fromEnvironment(env, () -> null);
        assertThat(settings.logDir()).isEqualTo(java.nio.file.Path.of("/var/log/codinspect"));
        assertThat(settings.homeDir()).isEqualTo(java.nio.file.Path.of("/tmp/ws/home"));
    }
}
